package io.solcial.overlay.plumtree;

import java.time.Duration;

/**
 * Timers and bounds of one Plumtree instance.
 *
 * @param ihaveInterval how long ids wait to be batched into an IHAVE to a lazy peer
 * @param graftTimeout wait after the first IHAVE for a missing id before grafting its announcer
 * @param secondGraftTimeout wait after each GRAFT before grafting the next announcer
 * @param optimizationThreshold a lazy path this many hops shorter than the eager one replaces it
 * @param cacheTtl how long payloads stay available to answer GRAFTs
 * @param cacheMaxMessages most payloads kept for GRAFTs
 * @param cacheMaxBytes most payload bytes kept for GRAFTs
 * @param seenTtl how long a delivered id is remembered, for exactly-once delivery (≥ cacheTtl)
 * @param seenMaxIds most delivered ids remembered
 * @param maxMissingIds most announced-but-missing ids tracked (oldest dropped first)
 * @param maxAnnouncersPerId most announcers remembered for one missing id
 * @param maxQueuedIhavesPerPeer most ids waiting for the next IHAVE to one lazy peer
 */
public record PlumtreeConfig(
        Duration ihaveInterval,
        Duration graftTimeout,
        Duration secondGraftTimeout,
        int optimizationThreshold,
        Duration cacheTtl,
        int cacheMaxMessages,
        long cacheMaxBytes,
        Duration seenTtl,
        int seenMaxIds,
        int maxMissingIds,
        int maxAnnouncersPerId,
        int maxQueuedIhavesPerPeer) {

    public PlumtreeConfig {
        requirePositive(ihaveInterval, "ihaveInterval");
        requirePositive(graftTimeout, "graftTimeout");
        requirePositive(secondGraftTimeout, "secondGraftTimeout");
        requirePositive(cacheTtl, "cacheTtl");
        requirePositive(seenTtl, "seenTtl");
        if (optimizationThreshold < 1) {
            throw new IllegalArgumentException("optimizationThreshold must be ≥ 1: " + optimizationThreshold);
        }
        if (cacheMaxMessages < 1 || cacheMaxBytes < PlumtreeConstants.MAX_PAYLOAD_LENGTH || seenMaxIds < cacheMaxMessages
                || maxMissingIds < 1 || maxAnnouncersPerId < 1 || maxQueuedIhavesPerPeer < 1) {
            throw new IllegalArgumentException("Plumtree bounds must be positive, the byte bound at least one payload"
                    + " and seenMaxIds ≥ cacheMaxMessages: " + this);
        }
        if (seenTtl.compareTo(cacheTtl) < 0) {
            throw new IllegalArgumentException("seenTtl must be ≥ cacheTtl");
        }
    }

    /** Our parameters (ARCHITECTURE.md, Broadcast): IHAVE every 500 ms, GRAFT after 1 s then 0.5 s, threshold 4. */
    public static PlumtreeConfig defaults() {
        return new PlumtreeConfig(
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                4,
                Duration.ofMinutes(2),
                10_000,
                16L * 1024 * 1024,
                Duration.ofMinutes(10),
                100_000,
                4_096,
                8,
                4_096);
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
