package io.solcial.multiformats;

import java.util.Optional;

/** The multiaddr protocols this project speaks (multiaddr protocols.csv), with how each value is sized. */
public enum MultiaddrProtocol {
    IP4(0x04, "ip4", 4),
    TCP(0x06, "tcp", 2),
    IP6(0x29, "ip6", 16),
    DNS(0x35, "dns", Size.LENGTH_PREFIXED),
    DNS4(0x36, "dns4", Size.LENGTH_PREFIXED),
    DNS6(0x37, "dns6", Size.LENGTH_PREFIXED),
    UDP(0x0111, "udp", 2),
    P2P_CIRCUIT(0x0122, "p2p-circuit", 0),
    P2P(0x01a5, "p2p", Size.LENGTH_PREFIXED),
    QUIC_V1(0x01cd, "quic-v1", 0);

    private static final class Size {
        static final int LENGTH_PREFIXED = -1;
    }

    private final int code;
    private final String protocolName;
    private final int valueLength;

    MultiaddrProtocol(int code, String protocolName, int valueLength) {
        this.code = code;
        this.protocolName = protocolName;
        this.valueLength = valueLength;
    }

    /** The multicodec code, written as a uvarint in the binary form. */
    public int code() {
        return code;
    }

    /** The name used in the text form, e.g. {@code quic-v1}. */
    public String protocolName() {
        return protocolName;
    }

    /** True when the protocol takes no value ({@code p2p-circuit}, {@code quic-v1}). */
    public boolean hasValue() {
        return valueLength != 0;
    }

    /** True when the binary value is preceded by a uvarint length. */
    public boolean isLengthPrefixed() {
        return valueLength == Size.LENGTH_PREFIXED;
    }

    /** The fixed value length in bytes; only meaningful when not length-prefixed. */
    public int fixedValueLength() {
        return Math.max(valueLength, 0);
    }

    public static Optional<MultiaddrProtocol> forCode(long code) {
        for (MultiaddrProtocol p : values()) {
            if (p.code == code) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Looks a text name up; {@code ipfs} is the old name of {@code p2p}. */
    public static Optional<MultiaddrProtocol> forName(String name) {
        if (name.equals("ipfs")) {
            return Optional.of(P2P);
        }
        for (MultiaddrProtocol p : values()) {
            if (p.protocolName.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return protocolName;
    }
}
