package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Fixed one-way delays on chosen links (the same both ways), another model for every other pair:
 * for crafted topologies where some paths are fast and others slow. A link's delay applies to the
 * messages sent after it is set.
 */
public final class LinkLatencies implements LatencyModel {
    private final LatencyModel otherwise;
    private final Map<PeerId, Map<PeerId, Long>> fixed = new HashMap<>();

    /** @param otherwise the delay of pairs without a fixed one */
    public LinkLatencies(LatencyModel otherwise) {
        this.otherwise = otherwise;
    }

    /** Every message between {@code a} and {@code b}, either way, takes exactly {@code millis}. */
    public LinkLatencies set(PeerId a, PeerId b, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("latency must not be negative: " + millis);
        }
        fixed.computeIfAbsent(a, k -> new HashMap<>()).put(b, millis);
        fixed.computeIfAbsent(b, k -> new HashMap<>()).put(a, millis);
        return this;
    }

    @Override
    public long latencyMillis(PeerId from, PeerId to, RandomGenerator random) {
        Long millis = fixed.getOrDefault(from, Map.of()).get(to);
        return millis != null ? millis : otherwise.latencyMillis(from, to, random);
    }
}
