package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import java.util.random.RandomGenerator;

/** One-way delay of a message between two simulated hosts, in virtual milliseconds. */
@FunctionalInterface
public interface LatencyModel {

    long latencyMillis(PeerId from, PeerId to, RandomGenerator random);

    /** Every message takes exactly {@code millis}. */
    static LatencyModel fixed(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("latency must not be negative: " + millis);
        }
        return (from, to, random) -> millis;
    }

    /** Uniform in {@code [minMillis, maxMillis]}, drawn from the network's seeded random. */
    static LatencyModel uniform(long minMillis, long maxMillis) {
        if (minMillis < 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("bad latency range [" + minMillis + ", " + maxMillis + "]");
        }
        return (from, to, random) -> minMillis == maxMillis ? minMillis : random.nextLong(minMillis, maxMillis + 1);
    }
}
