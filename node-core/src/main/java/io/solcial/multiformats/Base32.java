package io.solcial.multiformats;

/** RFC 4648 base32 without padding, lower case on output; decoding accepts one case per string. */
public final class Base32 {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz234567";

    private Base32() {
    }

    public static String encode(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(LOWER.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(LOWER.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    /** Decodes lower-case (or, with {@code upper}, upper-case) unpadded base32. */
    public static byte[] decode(String text, boolean upper) {
        int rem = text.length() % 8;
        if (rem == 1 || rem == 3 || rem == 6) {
            throw new InvalidMultiformatException("invalid base32 length " + text.length());
        }
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // only ASCII letters fold: Character.toLowerCase would map U+0130 and U+212A onto 'i' and 'k'
            int v = value(upper && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            if (v < 0 || (upper && c >= 'a' && c <= 'z')) {
                throw new InvalidMultiformatException("invalid base32 character '" + c + "' at position " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[o++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new InvalidMultiformatException("non-canonical base32: trailing bits are not zero");
        }
        return out;
    }

    private static int value(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
