package io.solcial.beacon.gateway;

import io.solcial.beacon.gateway.http.HttpLimits;
import java.util.Objects;

/**
 * Where the gateway listens and what it accepts.
 *
 * @param host   interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port   TCP port; 0 picks a free one (the bound port is what {@link Gateway#start()} returns)
 * @param limits request and connection limits
 */
public record GatewayConfig(String host, int port, HttpLimits limits) {

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static GatewayConfig of(String host, int port) {
        return new GatewayConfig(host, port, HttpLimits.defaults());
    }

    /** Loopback, a free port, default limits. */
    public static GatewayConfig defaults() {
        return of("127.0.0.1", 0);
    }
}
