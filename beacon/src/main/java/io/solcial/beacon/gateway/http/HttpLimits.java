package io.solcial.beacon.gateway.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one gateway accepts from clients.
 *
 * @param maxUriLength    longest request target (path and query), else 414
 * @param maxHeaderBytes  all request headers together, else 431
 * @param maxConnections  open client connections; more are answered 503 and closed
 * @param idleTimeout     a connection with no traffic this long is closed
 * @param workerThreads   threads that run handlers (storage reads, rendering, CAR streaming)
 * @param maxQueued       requests waiting for a worker; more are answered 503
 * @param shutdownGrace   how long {@code close()} lets running requests finish
 */
public record HttpLimits(int maxUriLength, int maxHeaderBytes, int maxConnections, Duration idleTimeout,
        int workerThreads, int maxQueued, Duration shutdownGrace) {

    public HttpLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (maxUriLength < 16 || maxHeaderBytes < 256 || maxConnections < 1 || workerThreads < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("limits too small: " + this);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** 4 KiB URIs, 16 KiB of headers, 4,096 connections, 60 s idle, 8 workers, 256 queued, 5 s grace. */
    public static HttpLimits defaults() {
        return new HttpLimits(4096, 16 * 1024, 4096, Duration.ofSeconds(60), 8, 256, Duration.ofSeconds(5));
    }

    public HttpLimits withMaxConnections(int max) {
        return new HttpLimits(maxUriLength, maxHeaderBytes, max, idleTimeout, workerThreads, maxQueued, shutdownGrace);
    }

    public HttpLimits withIdleTimeout(Duration idle) {
        return new HttpLimits(maxUriLength, maxHeaderBytes, maxConnections, idle, workerThreads, maxQueued, shutdownGrace);
    }
}
