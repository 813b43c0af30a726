package io.solcial.multiformats;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Converts multiaddr component values between their binary and text forms, strictly. */
final class MultiaddrValues {
    /** Longest DNS name in bytes (RFC 1035 allows 255 octets on the wire). */
    static final int MAX_DNS_LENGTH = 255;
    private static final int MAX_PORT = 65535;

    private MultiaddrValues() {
    }

    /** Throws unless {@code value} is a valid binary value for {@code p}. */
    static void validate(MultiaddrProtocol p, byte[] value) {
        if (!p.isLengthPrefixed()) {
            if (value.length != p.fixedValueLength()) {
                throw new InvalidMultiformatException(
                        p + " value must be " + p.fixedValueLength() + " bytes, got " + value.length);
            }
            return;
        }
        switch (p) {
            case DNS, DNS4, DNS6 -> checkDnsName(p, decodeUtf8(p, value));
            case P2P -> Multihash.decode(value);
            default -> throw new IllegalStateException("no rule for " + p);
        }
    }

    static byte[] parse(MultiaddrProtocol p, String text) {
        return switch (p) {
            case IP4 -> IpText.parseIp4(text);
            case IP6 -> IpText.parseIp6(text);
            case TCP, UDP -> parsePort(p, text);
            case DNS, DNS4, DNS6 -> {
                checkDnsName(p, text);
                yield text.getBytes(StandardCharsets.UTF_8);
            }
            case P2P -> parsePeerId(text);
            case P2P_CIRCUIT, QUIC_V1 -> throw new IllegalStateException(p + " has no value");
        };
    }

    static String format(MultiaddrProtocol p, byte[] value) {
        return switch (p) {
            case IP4 -> IpText.formatIp4(value, 0);
            case IP6 -> IpText.formatIp6(value);
            case TCP, UDP -> Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
            case DNS, DNS4, DNS6 -> new String(value, StandardCharsets.UTF_8);
            case P2P -> Base58.encode(value);
            case P2P_CIRCUIT, QUIC_V1 -> "";
        };
    }

    /** Decimal 0..65535 without sign or leading zeros. */
    private static byte[] parsePort(MultiaddrProtocol p, String text) {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new InvalidMultiformatException("invalid " + p + " port '" + text + "'");
        }
        int port = Integer.parseInt(text);
        if (port > MAX_PORT) {
            throw new InvalidMultiformatException(p + " port " + port + " is above " + MAX_PORT);
        }
        return new byte[] {(byte) (port >>> 8), (byte) port};
    }

    /** A peer id as base58btc multihash ({@code Qm…}, {@code 12D3KooW…}) or a libp2p-key CID ({@code bafz…}). */
    private static byte[] parsePeerId(String text) {
        if (text.startsWith("1") || text.startsWith("Qm")) {
            byte[] raw = Base58.decode(text);
            Multihash.decode(raw);
            return raw;
        }
        Cid cid;
        try {
            cid = Cid.parse(text);
        } catch (InvalidMultiformatException e) {
            throw new InvalidMultiformatException("invalid p2p peer id '" + text + "': " + e.getMessage(), e);
        }
        if (cid.version() != 1 || cid.codec() != Multicodec.LIBP2P_KEY) {
            throw new InvalidMultiformatException("a p2p CID must have codec libp2p-key: '" + text + "'");
        }
        return cid.multihash().toBytes();
    }

    private static void checkDnsName(MultiaddrProtocol p, String name) {
        if (name.isEmpty()) {
            throw new InvalidMultiformatException(p + " name is empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_DNS_LENGTH) {
            throw new InvalidMultiformatException(p + " name is longer than " + MAX_DNS_LENGTH + " bytes");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            // '/' would split the text form; a lone surrogate has no UTF-8 form
            if (c == '/' || c <= ' ' || c == 0x7F || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                throw new InvalidMultiformatException(p + " name has an invalid character at position " + i);
            }
            i += Character.charCount(c);
        }
    }

    private static String decodeUtf8(MultiaddrProtocol p, byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMultiformatException(p + " name is not valid UTF-8", e);
        }
    }
}
