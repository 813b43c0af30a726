package io.solcial.chain;

import java.net.URI;
import java.time.Duration;

/**
 * How to talk to a Solana JSON-RPC endpoint: per-request timeout, and for reads the number of
 * attempts and the first backoff (doubled after each failed attempt).
 */
public record RpcSettings(URI endpoint, Duration connectTimeout, Duration requestTimeout, int attempts,
        Duration backoff) {
    public RpcSettings {
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("the RPC URL must be http:// or https://, got " + endpoint);
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("the RPC URL has no host: " + endpoint);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero() || backoff.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive and the backoff not negative");
        }
    }

    public static RpcSettings defaults(URI endpoint) {
        return new RpcSettings(endpoint, Duration.ofSeconds(3), Duration.ofSeconds(10), 3, Duration.ofMillis(200));
    }

    public RpcSettings withAttempts(int attempts, Duration backoff) {
        return new RpcSettings(endpoint, connectTimeout, requestTimeout, attempts, backoff);
    }

    public RpcSettings withRequestTimeout(Duration timeout) {
        return new RpcSettings(endpoint, connectTimeout, timeout, attempts, backoff);
    }
}
