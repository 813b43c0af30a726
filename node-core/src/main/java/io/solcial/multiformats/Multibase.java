package io.solcial.multiformats;

import java.util.HexFormat;

/** multibase: a one-character prefix naming the encoding. We write base32 lower ('b') and base58btc ('z'). */
public enum Multibase {
    BASE32('b'),
    BASE32_UPPER('B'),
    BASE58_BTC('z'),
    BASE16('f');

    private final char prefix;

    Multibase(char prefix) {
        this.prefix = prefix;
    }

    public char prefix() {
        return prefix;
    }

    public String encode(byte[] data) {
        return prefix + switch (this) {
            case BASE32 -> Base32.encode(data);
            case BASE32_UPPER -> Base32.encode(data).toUpperCase(java.util.Locale.ROOT);
            case BASE58_BTC -> Base58.encode(data);
            case BASE16 -> HexFormat.of().formatHex(data);
        };
    }

    /** Decodes any supported multibase string, choosing the encoding by its prefix. */
    public static byte[] decode(String text) {
        if (text.isEmpty()) {
            throw new InvalidMultiformatException("empty multibase string");
        }
        String body = text.substring(1);
        return switch (text.charAt(0)) {
            case 'b' -> Base32.decode(body, false);
            case 'B' -> Base32.decode(body, true);
            case 'z' -> Base58.decode(body);
            case 'f' -> decodeHex(body);
            default -> throw new InvalidMultiformatException(
                    "unsupported multibase prefix '" + text.charAt(0) + "'");
        };
    }

    private static byte[] decodeHex(String body) {
        if (!body.equals(body.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidMultiformatException("base16 multibase 'f' must be lower case");
        }
        try {
            return HexFormat.of().parseHex(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidMultiformatException("invalid base16: " + e.getMessage(), e);
        }
    }
}
