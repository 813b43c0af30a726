package io.solcial.multiformats;

/**
 * Strict text forms of IP addresses, done by hand so that no text ever reaches a resolver.
 * IPv4 is dotted decimal without leading zeros; IPv6 is any RFC 4291 text form on input and the
 * RFC 5952 canonical form on output.
 */
final class IpText {
    private static final int IPV4_LENGTH = 4;
    private static final int IPV6_LENGTH = 16;

    private IpText() {
    }

    static byte[] parseIp4(String text) {
        byte[] out = new byte[IPV4_LENGTH];
        if (!parseIp4Into(text, out, 0)) {
            throw new InvalidMultiformatException("invalid ip4 address '" + text + "'");
        }
        return out;
    }

    static String formatIp4(byte[] a, int offset) {
        return (a[offset] & 0xFF) + "." + (a[offset + 1] & 0xFF) + "." + (a[offset + 2] & 0xFF) + "."
                + (a[offset + 3] & 0xFF);
    }

    private static boolean parseIp4Into(String text, byte[] out, int offset) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != IPV4_LENGTH) {
            return false;
        }
        for (int i = 0; i < IPV4_LENGTH; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !isDigits(p) || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return false;
            }
            out[offset + i] = (byte) v;
        }
        return true;
    }

    static byte[] parseIp6(String text) {
        byte[] out = parseIp6OrNull(text);
        if (out == null) {
            throw new InvalidMultiformatException("invalid ip6 address '" + text + "'");
        }
        return out;
    }

    private static byte[] parseIp6OrNull(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] head = new byte[IPV6_LENGTH];
        byte[] tail = new byte[IPV6_LENGTH];
        int headLen;
        int tailLen = 0;
        if (gap < 0) {
            headLen = parseGroups(text, head, true);
            return headLen == IPV6_LENGTH ? head : null;
        }
        String left = text.substring(0, gap);
        String right = text.substring(gap + 2);
        headLen = left.isEmpty() ? 0 : parseGroups(left, head, false);
        if (!right.isEmpty()) {
            tailLen = parseGroups(right, tail, true);
        }
        // "::" stands for at least one zero group
        if (headLen < 0 || tailLen < 0 || headLen + tailLen > IPV6_LENGTH - 2) {
            return null;
        }
        byte[] out = new byte[IPV6_LENGTH];
        System.arraycopy(head, 0, out, 0, headLen);
        System.arraycopy(tail, 0, out, IPV6_LENGTH - tailLen, tailLen);
        return out;
    }

    /** Parses colon-separated groups into {@code out}; returns the byte count or -1. */
    private static int parseGroups(String text, byte[] out, boolean ip4TailAllowed) {
        String[] groups = text.split(":", -1);
        int n = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            boolean last = i == groups.length - 1;
            if (last && ip4TailAllowed && g.indexOf('.') >= 0) {
                if (n + IPV4_LENGTH > IPV6_LENGTH || !parseIp4Into(g, out, n)) {
                    return -1;
                }
                return n + IPV4_LENGTH;
            }
            if (g.isEmpty() || g.length() > 4 || !isHex(g) || n + 2 > IPV6_LENGTH) {
                return -1;
            }
            int v = Integer.parseInt(g, 16);
            out[n++] = (byte) (v >>> 8);
            out[n++] = (byte) v;
        }
        return n;
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run (2+) of zero groups as "::". */
    static String formatIp6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        if (isIp4Mapped(g)) {
            return "::ffff:" + formatIp4(a, 12);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** {@code ::ffff:0:0/96}, which RFC 5952 section 5 writes with a dotted IPv4 tail. */
    private static boolean isIp4Mapped(int[] g) {
        for (int i = 0; i < 5; i++) {
            if (g[i] != 0) {
                return false;
            }
        }
        return g[5] == 0xFFFF;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
