package io.solcial.net.host;

import io.solcial.multiformats.Multiaddr;
import io.solcial.net.transport.TcpTransportConfig;
import io.solcial.net.yamux.YamuxConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Host settings: where to listen, what to call ourselves in identify, and connection limits
 * (a desktop node keeps the defaults; a beacon raises them).
 */
public record HostConfig(List<Multiaddr> listenAddresses, String agentVersion, int maxInboundConnections,
                         int maxOutboundConnections, TcpTransportConfig tcp, YamuxConfig yamux,
                         Duration idleTimeout) {
    public static final String DEFAULT_AGENT = "solcial-j/0.1.0";

    public HostConfig {
        listenAddresses = List.copyOf(listenAddresses);
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(yamux, "yamux");
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative (zero: never)");
        }
        if (maxInboundConnections < 0 || maxOutboundConnections < 0) {
            throw new IllegalArgumentException("connection limits must not be negative");
        }
    }

    /** Connections with no open stream for this long are closed (the overlay keeps a stream open to its neighbours only). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** Listens on an ephemeral loopback port; 256 inbound and 64 outbound connections; 5 min idle timeout. */
    public static HostConfig defaults() {
        return new HostConfig(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), DEFAULT_AGENT, 256, 64,
                TcpTransportConfig.defaults(), YamuxConfig.defaults(), DEFAULT_IDLE_TIMEOUT);
    }

    /** For a dial-only client (the CLI's ping): no listener. */
    public static HostConfig dialOnly() {
        return defaults().withListenAddresses(List.of());
    }

    public HostConfig withListenAddresses(List<Multiaddr> addresses) {
        return new HostConfig(addresses, agentVersion, maxInboundConnections, maxOutboundConnections, tcp, yamux, idleTimeout);
    }

    public HostConfig withLimits(int maxInbound, int maxOutbound) {
        return new HostConfig(listenAddresses, agentVersion, maxInbound, maxOutbound, tcp, yamux, idleTimeout);
    }

    public HostConfig withYamux(YamuxConfig yamuxConfig) {
        return new HostConfig(listenAddresses, agentVersion, maxInboundConnections, maxOutboundConnections, tcp, yamuxConfig, idleTimeout);
    }

    public HostConfig withIdleTimeout(Duration timeout) {
        return new HostConfig(listenAddresses, agentVersion, maxInboundConnections, maxOutboundConnections, tcp, yamux, timeout);
    }

    public HostConfig withTcp(TcpTransportConfig tcpConfig) {
        return new HostConfig(listenAddresses, agentVersion, maxInboundConnections, maxOutboundConnections, tcpConfig, yamux, idleTimeout);
    }
}
