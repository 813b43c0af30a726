package io.solcial.net.transport;

import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Multiaddr;
import io.solcial.multiformats.MultiaddrProtocol;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Conversions between socket addresses and TCP multiaddrs. */
public final class TcpAddresses {
    private TcpAddresses() {
    }

    /** {@code /ip4/<a>/tcp/<port>} or {@code /ip6/<a>/tcp/<port>} for a resolved socket address. */
    /** {@code /ip4|ip6/<ip>/tcp/<port>} of a socket address; empty for anything that is not a resolved IP socket. */
    public static Multiaddr toMultiaddr(java.net.SocketAddress address) {
        if (!(address instanceof InetSocketAddress isa) || isa.getAddress() == null) {
            return Multiaddr.empty();
        }
        return toMultiaddr(isa);
    }

    static Multiaddr toMultiaddr(InetSocketAddress address) {
        MultiaddrProtocol ip = address.getAddress() instanceof Inet4Address ? MultiaddrProtocol.IP4 : MultiaddrProtocol.IP6;
        int port = address.getPort();
        return Multiaddr.of(
                new Multiaddr.Component(ip, Bytes.of(address.getAddress().getAddress())),
                new Multiaddr.Component(MultiaddrProtocol.TCP, Bytes.of(new byte[] {(byte) (port >>> 8), (byte) port})));
    }

    /** Whether a resolved address fits the name component's family (dns4: IPv4, dns6: IPv6, dns: any). */
    static boolean matches(MultiaddrProtocol family, InetSocketAddress address) {
        return switch (family) {
            case DNS4 -> address.getAddress() instanceof Inet4Address;
            case DNS6 -> address.getAddress() instanceof Inet6Address;
            default -> true;
        };
    }
}
