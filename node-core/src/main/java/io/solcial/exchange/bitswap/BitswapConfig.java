package io.solcial.exchange.bitswap;

import java.time.Duration;

/**
 * Limits of a {@link Bitswap} service.
 *
 * @param maxWantlistEntries entries one peer may have in its wantlist with us; more are ignored
 * @param maxQueuedBytesPerPeer block bytes we have in flight to one peer at once; the rest of its
 *        wantlist waits until those are written
 * @param maxInlineBlockSize a want-have for a block of at most this size is answered with the block
 * @param getTimeout how long {@link Bitswap#get} waits for a block
 * @param cancelGrace how long after a want is cancelled a block for it is still accepted (a peer may
 *        have sent it before our cancel arrived)
 */
public record BitswapConfig(int maxWantlistEntries, long maxQueuedBytesPerPeer, int maxInlineBlockSize,
                            Duration getTimeout, Duration cancelGrace) {
    public static final int DEFAULT_MAX_WANTLIST_ENTRIES = 1024;
    public static final long DEFAULT_MAX_QUEUED_BYTES = 8L * 1024 * 1024;
    public static final int DEFAULT_MAX_INLINE_BLOCK_SIZE = 1024;

    public BitswapConfig {
        if (maxWantlistEntries < 1 || maxQueuedBytesPerPeer < 1 || maxInlineBlockSize < 0) {
            throw new IllegalArgumentException("bitswap limits must be positive");
        }
        if (getTimeout.isNegative() || getTimeout.isZero() || cancelGrace.isNegative()) {
            throw new IllegalArgumentException("bitswap timeouts must be positive");
        }
    }

    public static BitswapConfig defaults() {
        return new BitswapConfig(DEFAULT_MAX_WANTLIST_ENTRIES, DEFAULT_MAX_QUEUED_BYTES, DEFAULT_MAX_INLINE_BLOCK_SIZE,
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    public BitswapConfig withGetTimeout(Duration timeout) {
        return new BitswapConfig(maxWantlistEntries, maxQueuedBytesPerPeer, maxInlineBlockSize, timeout, cancelGrace);
    }
}
