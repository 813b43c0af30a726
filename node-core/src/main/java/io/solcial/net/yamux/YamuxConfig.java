package io.solcial.net.yamux;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one yamux session.
 *
 * @param maxInboundStreams streams the peer may have open to us at once; more are refused (RST)
 * @param maxOutboundStreams streams we open at once; {@code newStream} fails beyond it
 * @param initialWindow receive window per stream, at least 256 KiB (more is announced with SYN/ACK)
 * @param maxFramePayload largest Data payload we send in one frame
 * @param keepaliveInterval how often we ping the peer; zero disables keepalive
 * @param pingTimeout a ping not answered within this closes the connection
 */
public record YamuxConfig(int maxInboundStreams, int maxOutboundStreams, int initialWindow, int maxFramePayload,
                          Duration keepaliveInterval, Duration pingTimeout) {
    public YamuxConfig {
        Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        if (maxInboundStreams < 1 || maxOutboundStreams < 1) {
            throw new IllegalArgumentException("stream limits must be positive");
        }
        if (initialWindow < YamuxConstants.INITIAL_WINDOW) {
            throw new IllegalArgumentException("initialWindow below the spec's 256 KiB: " + initialWindow);
        }
        if (maxFramePayload < 1) {
            throw new IllegalArgumentException("maxFramePayload must be positive");
        }
        if (keepaliveInterval.isNegative() || pingTimeout.isNegative() || pingTimeout.isZero()) {
            throw new IllegalArgumentException("keepaliveInterval must be >= 0 and pingTimeout > 0");
        }
    }

    public static YamuxConfig defaults() {
        return new YamuxConfig(512, 512, YamuxConstants.INITIAL_WINDOW, 64 * 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(15));
    }

    public YamuxConfig withKeepalive(Duration interval, Duration timeout) {
        return new YamuxConfig(maxInboundStreams, maxOutboundStreams, initialWindow, maxFramePayload, interval, timeout);
    }

    public YamuxConfig withStreamLimits(int inbound, int outbound) {
        return new YamuxConfig(inbound, outbound, initialWindow, maxFramePayload, keepaliveInterval, pingTimeout);
    }
}
