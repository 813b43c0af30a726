package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import java.util.random.RandomGenerator;

/** One-way delay of a message between two simulated hosts, in virtual milliseconds. */
@FunctionalInterface
public interface LatencyModel {

    long latencyMillis(PeerId from, PeerId to, RandomGenerator random);

    /** Whether the delay depends on who sends to whom (if not, callers may pass null ids). */
    default boolean dependsOnPeers() {
        return true;
    }

    /** Every message takes exactly {@code millis}. */
    static LatencyModel fixed(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("latency must not be negative: " + millis);
        }
        return new LatencyModel() {
            @Override
            public long latencyMillis(PeerId from, PeerId to, RandomGenerator random) {
                return millis;
            }

            @Override
            public boolean dependsOnPeers() {
                return false;
            }
        };
    }

    /** Uniform in {@code [minMillis, maxMillis]}, drawn from the network's seeded random. */
    static LatencyModel uniform(long minMillis, long maxMillis) {
        if (minMillis < 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("bad latency range [" + minMillis + ", " + maxMillis + "]");
        }
        return new LatencyModel() {
            @Override
            public long latencyMillis(PeerId from, PeerId to, RandomGenerator random) {
                return minMillis == maxMillis ? minMillis : random.nextLong(minMillis, maxMillis + 1);
            }

            @Override
            public boolean dependsOnPeers() {
                return false;
            }
        };
    }
}
