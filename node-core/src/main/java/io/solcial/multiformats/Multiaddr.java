package io.solcial.multiformats;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multiaddr: a sequence of (protocol, value) components with a binary form
 * ({@code uvarint(code) value ...}) and a text form ({@code /ip4/127.0.0.1/tcp/4901}). Immutable;
 * equal when the binary forms are equal. Parsing never resolves a host name.
 */
public final class Multiaddr {
    private static final Multiaddr EMPTY = new Multiaddr(List.of());

    private final List<Component> components;
    private final Bytes bytes;

    /** One protocol with its binary value (empty for protocols without a value). */
    public record Component(MultiaddrProtocol protocol, Bytes value) {
        public Component {
            Objects.requireNonNull(protocol, "protocol");
            MultiaddrValues.validate(protocol, value.toByteArray());
        }

        /** A component from its text value, e.g. {@code (TCP, "4001")}. */
        public static Component parse(MultiaddrProtocol protocol, String text) {
            if (!protocol.hasValue()) {
                if (!text.isEmpty()) {
                    throw new InvalidMultiformatException(protocol + " takes no value, got '" + text + "'");
                }
                return new Component(protocol, Bytes.EMPTY);
            }
            return new Component(protocol, Bytes.wrap(MultiaddrValues.parse(protocol, text)));
        }

        /** A component without a value, such as {@code p2p-circuit} or {@code quic-v1}. */
        public static Component of(MultiaddrProtocol protocol) {
            return parse(protocol, "");
        }

        /** The value in text form ({@code "127.0.0.1"}, {@code "4001"}); empty when there is none. */
        public String valueText() {
            return MultiaddrValues.format(protocol, value.toByteArray());
        }

        void writeTo(ByteArrayOutputStream out) {
            Varint.write(protocol.code(), out);
            if (protocol.isLengthPrefixed()) {
                Varint.write(value.length(), out);
            }
            out.writeBytes(value.toByteArray());
        }

        @Override
        public String toString() {
            return protocol.hasValue() ? "/" + protocol + "/" + valueText() : "/" + protocol;
        }
    }

    private Multiaddr(List<Component> components) {
        this.components = List.copyOf(components);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Component c : this.components) {
            c.writeTo(out);
        }
        this.bytes = Bytes.wrap(out.toByteArray());
    }

    public static Multiaddr empty() {
        return EMPTY;
    }

    public static Multiaddr of(List<Component> components) {
        return components.isEmpty() ? EMPTY : new Multiaddr(components);
    }

    public static Multiaddr of(Component... components) {
        return of(List.of(components));
    }

    /** Parses the text form. {@code "/"} is the empty multiaddr; empty segments are rejected. */
    public static Multiaddr parse(String text) {
        if (!text.startsWith("/")) {
            throw new InvalidMultiformatException("a multiaddr must start with '/': '" + text + "'");
        }
        if (text.equals("/")) {
            return EMPTY;
        }
        String[] parts = text.substring(1).split("/", -1);
        List<Component> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String name = parts[i];
            MultiaddrProtocol p = MultiaddrProtocol.forName(name).orElseThrow(() ->
                    new InvalidMultiformatException("unknown multiaddr protocol '" + name + "' in '" + text + "'"));
            if (!p.hasValue()) {
                out.add(Component.of(p));
                continue;
            }
            if (i + 1 >= parts.length) {
                throw new InvalidMultiformatException("missing value for " + p + " in '" + text + "'");
            }
            out.add(Component.parse(p, parts[++i]));
        }
        return of(out);
    }

    /** Decodes a buffer that holds exactly one binary multiaddr. */
    public static Multiaddr decode(byte[] data) {
        ByteReader in = new ByteReader(data);
        List<Component> out = new ArrayList<>();
        while (in.hasRemaining()) {
            int at = in.position();
            long code = Varint.read(in);
            MultiaddrProtocol p = MultiaddrProtocol.forCode(code).orElseThrow(() ->
                    new InvalidMultiformatException("unknown multiaddr protocol code 0x"
                            + Long.toHexString(code) + " at offset " + at));
            int length = p.isLengthPrefixed() ? Varint.readInt(in) : p.fixedValueLength();
            if (length > in.remaining()) {
                throw new InvalidMultiformatException("truncated " + p + " value at offset " + in.position()
                        + ": need " + length + " bytes, have " + in.remaining());
            }
            out.add(new Component(p, Bytes.wrap(in.readBytes(length))));
        }
        return of(out);
    }

    public List<Component> components() {
        return components;
    }

    public boolean isEmpty() {
        return components.isEmpty();
    }

    public byte[] toBytes() {
        return bytes.toByteArray();
    }

    /** This address followed by {@code inner}, e.g. a transport address + {@code /p2p/<id>}. */
    public Multiaddr encapsulate(Multiaddr inner) {
        List<Component> all = new ArrayList<>(components);
        all.addAll(inner.components);
        return of(all);
    }

    /**
     * Removes the last occurrence of {@code outer}'s components and everything after it; returns
     * this address unchanged when {@code outer} does not occur.
     */
    public Multiaddr decapsulate(Multiaddr outer) {
        int n = outer.components.size();
        if (n == 0) {
            return this;
        }
        for (int i = components.size() - n; i >= 0; i--) {
            if (components.subList(i, i + n).equals(outer.components)) {
                return of(components.subList(0, i));
            }
        }
        return this;
    }

    /** Removes the last component of {@code protocol} and everything after it; unchanged when absent. */
    public Multiaddr decapsulate(MultiaddrProtocol protocol) {
        for (int i = components.size() - 1; i >= 0; i--) {
            if (components.get(i).protocol() == protocol) {
                return of(components.subList(0, i));
            }
        }
        return this;
    }

    /** The multihash of the trailing {@code /p2p/<id>}, if the address ends with one. */
    public Optional<Multihash> peerIdMultihash() {
        if (components.isEmpty()) {
            return Optional.empty();
        }
        Component last = components.get(components.size() - 1);
        if (last.protocol() != MultiaddrProtocol.P2P) {
            return Optional.empty();
        }
        return Optional.of(Multihash.decode(last.value().toByteArray()));
    }

    /** This address without its trailing {@code /p2p/<id>}; unchanged when it has none. */
    public Multiaddr withoutPeerId() {
        return peerIdMultihash().isPresent() ? of(components.subList(0, components.size() - 1)) : this;
    }

    /** True when the address goes through a circuit relay. */
    public boolean isRelayed() {
        return components.stream().anyMatch(c -> c.protocol() == MultiaddrProtocol.P2P_CIRCUIT);
    }

    /**
     * The TCP endpoint of an address of the form {@code /(ip4|ip6|dns|dns4|dns6)/<host>/tcp/<port>},
     * optionally followed by {@code /p2p/<id>}. Host names stay unresolved.
     */
    public Optional<InetSocketAddress> tcpSocketAddress() {
        int size = components.size();
        if (size < 2 || size > 3 || components.get(1).protocol() != MultiaddrProtocol.TCP
                || (size == 3 && components.get(2).protocol() != MultiaddrProtocol.P2P)) {
            return Optional.empty();
        }
        Component host = components.get(0);
        int port = Integer.parseInt(components.get(1).valueText());
        return switch (host.protocol()) {
            case IP4, IP6 -> Optional.of(new InetSocketAddress(literal(host), port));
            case DNS, DNS4, DNS6 -> Optional.of(InetSocketAddress.createUnresolved(host.valueText(), port));
            default -> Optional.empty();
        };
    }

    private static InetAddress literal(Component ip) {
        try {
            return InetAddress.getByAddress(ip.value().toByteArray()); // no lookup for a raw address
        } catch (UnknownHostException e) {
            throw new IllegalStateException("validated IP value has a bad length", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multiaddr other && bytes.equals(other.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }

    @Override
    public String toString() {
        if (components.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (Component c : components) {
            sb.append(c);
        }
        return sb.toString();
    }
}
