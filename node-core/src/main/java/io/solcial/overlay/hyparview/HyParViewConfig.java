package io.solcial.overlay.hyparview;

import java.time.Duration;

/**
 * HyParView parameters. The active view holds {@code floor(log2(N)) + 1} peers, clamped to
 * [{@code minActiveViewSize}, {@code maxActiveViewSize}]; the passive view {@code passiveViewFactor}
 * times that.
 *
 * @param minActiveViewSize     floor of the active view size, for small N
 * @param maxActiveViewSize     ceiling of the active view size (bounds connections at huge N)
 * @param passiveViewFactor     passive view size as a multiple of the active view size
 * @param activeRandomWalkLength  ARWL: the FORWARD_JOIN time-to-live
 * @param passiveRandomWalkLength PRWL: the FORWARD_JOIN ttl at which the new node enters passive views
 * @param shuffleInterval       period of SHUFFLE (and of refilling a short active view)
 * @param shuffleWalkLength     SHUFFLE time-to-live
 * @param shuffleActiveSample   ka: active peers in a SHUFFLE sample
 * @param shufflePassiveSample  kp: passive peers in a SHUFFLE sample
 * @param networkSizeRefresh    how often N is read again
 * @param initialNetworkSize    N assumed until the first estimate arrives
 * @param neighborTimeout       a NEIGHBOR or JOIN unanswered this long counts as failed
 */
public record HyParViewConfig(
        int minActiveViewSize,
        int maxActiveViewSize,
        int passiveViewFactor,
        int activeRandomWalkLength,
        int passiveRandomWalkLength,
        Duration shuffleInterval,
        int shuffleWalkLength,
        int shuffleActiveSample,
        int shufflePassiveSample,
        Duration networkSizeRefresh,
        long initialNetworkSize,
        Duration neighborTimeout) {

    public HyParViewConfig {
        if (minActiveViewSize < 1 || maxActiveViewSize < minActiveViewSize) {
            throw new IllegalArgumentException("active view size bounds must satisfy 1 <= min <= max");
        }
        if (passiveViewFactor < 1) {
            throw new IllegalArgumentException("passive view factor must be at least 1");
        }
        if (passiveRandomWalkLength < 0 || activeRandomWalkLength < passiveRandomWalkLength
                || activeRandomWalkLength > HyParViewConstants.MAX_TTL) {
            throw new IllegalArgumentException("walk lengths must satisfy 0 <= PRWL <= ARWL <= " + HyParViewConstants.MAX_TTL);
        }
        if (shuffleWalkLength < 1 || shuffleWalkLength > HyParViewConstants.MAX_TTL) {
            throw new IllegalArgumentException("shuffle walk length must be in [1, " + HyParViewConstants.MAX_TTL + "]");
        }
        if (shuffleActiveSample < 0 || shufflePassiveSample < 0
                || 1 + shuffleActiveSample + shufflePassiveSample > HyParViewConstants.MAX_SAMPLE_SIZE) {
            throw new IllegalArgumentException("shuffle sample sizes must be >= 0 and fit in a message");
        }
        requirePositive(shuffleInterval, "shuffle interval");
        requirePositive(networkSizeRefresh, "network size refresh");
        requirePositive(neighborTimeout, "neighbor timeout");
        if (initialNetworkSize < 1) {
            throw new IllegalArgumentException("initial network size must be at least 1");
        }
    }

    /** Our parameters (ARCHITECTURE.md): ARWL 3, PRWL 2, shuffle every 15 s, walk 4, ka 3, kp 4. */
    public static HyParViewConfig defaults() {
        return new HyParViewConfig(3, 32, 6, 3, 2, Duration.ofSeconds(15), 4, 3, 4,
                Duration.ofMinutes(10), 1_000, Duration.ofSeconds(10));
    }

    public HyParViewConfig withShuffleInterval(Duration interval) {
        return new HyParViewConfig(minActiveViewSize, maxActiveViewSize, passiveViewFactor, activeRandomWalkLength,
                passiveRandomWalkLength, interval, shuffleWalkLength, shuffleActiveSample, shufflePassiveSample,
                networkSizeRefresh, initialNetworkSize, neighborTimeout);
    }

    public HyParViewConfig withInitialNetworkSize(long n) {
        return new HyParViewConfig(minActiveViewSize, maxActiveViewSize, passiveViewFactor, activeRandomWalkLength,
                passiveRandomWalkLength, shuffleInterval, shuffleWalkLength, shuffleActiveSample, shufflePassiveSample,
                networkSizeRefresh, n, neighborTimeout);
    }

    /** {@code floor(log2(n)) + 1}, clamped to the configured bounds. */
    public int activeViewSize(long n) {
        int log2PlusOne = 64 - Long.numberOfLeadingZeros(Math.max(1, n));
        return Math.max(minActiveViewSize, Math.min(maxActiveViewSize, log2PlusOne));
    }

    public int passiveViewSize(long n) {
        return passiveViewFactor * activeViewSize(n);
    }

    private static void requirePositive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
