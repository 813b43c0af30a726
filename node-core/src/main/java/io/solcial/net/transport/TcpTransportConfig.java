package io.solcial.net.transport;

import java.time.Duration;

/**
 * TCP transport settings. {@code ioThreads} 0 means Netty's default (2 × cores).
 * Write-buffer water marks bound what a connection queues before {@code isWritable()} turns false.
 */
public record TcpTransportConfig(Duration connectTimeout, Duration handshakeTimeout, int ioThreads,
                                 int writeBufferLowWaterMark, int writeBufferHighWaterMark, int backlog) {
    public TcpTransportConfig {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad connect timeout: " + connectTimeout);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("bad handshake timeout: " + handshakeTimeout);
        }
        if (ioThreads < 0 || backlog < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 0 and backlog >= 1");
        }
        if (writeBufferLowWaterMark < 0 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
            throw new IllegalArgumentException("write buffer water marks must satisfy 0 <= low <= high");
        }
    }

    public static TcpTransportConfig defaults() {
        return new TcpTransportConfig(Duration.ofSeconds(10), Duration.ofSeconds(20), 0, 256 * 1024, 1024 * 1024, 128);
    }

    public TcpTransportConfig withHandshakeTimeout(Duration timeout) {
        return new TcpTransportConfig(connectTimeout, timeout, ioThreads, writeBufferLowWaterMark, writeBufferHighWaterMark, backlog);
    }

    public TcpTransportConfig withConnectTimeout(Duration timeout) {
        return new TcpTransportConfig(timeout, handshakeTimeout, ioThreads, writeBufferLowWaterMark, writeBufferHighWaterMark, backlog);
    }
}
