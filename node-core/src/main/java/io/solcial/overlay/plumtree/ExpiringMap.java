package io.solcial.overlay.plumtree;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * An insertion-ordered map whose entries expire a fixed time after insertion and whose size and
 * total weight are bounded (the oldest entries go first). With one TTL and a monotonic clock,
 * insertion order is expiry order, so expiry only looks at the head. Not thread-safe.
 */
final class ExpiringMap<K, V> {
    private final long ttlMillis;
    private final int maxEntries;
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, Slot<V>> slots = new LinkedHashMap<>();
    private long weight;
    /** Never later than the oldest entry's expiry, so lookups skip {@link #expire} until then. */
    private long nextExpiry = Long.MAX_VALUE;

    ExpiringMap(long ttlMillis, int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** Inserts (or replaces, renewing its lifetime) and evicts what the bounds require. */
    void put(K key, V value, long nowMillis) {
        expire(nowMillis);
        remove(key);
        long w = weigher.applyAsLong(value);
        slots.put(key, new Slot<>(value, nowMillis + ttlMillis, w));
        nextExpiry = Math.min(nextExpiry, nowMillis + ttlMillis);
        weight += w;
        Iterator<Map.Entry<K, Slot<V>>> it = slots.entrySet().iterator();
        while ((slots.size() > maxEntries || weight > maxWeight) && it.hasNext()) {
            weight -= it.next().getValue().weight();
            it.remove();
        }
    }

    Optional<V> get(K key, long nowMillis) {
        return Optional.ofNullable(getOrNull(key, nowMillis));
    }

    /** The value, or null when absent (the hot paths' allocation-free {@link #get}). */
    V getOrNull(K key, long nowMillis) {
        expire(nowMillis);
        Slot<V> slot = slots.get(key);
        return slot == null ? null : slot.value();
    }

    boolean containsKey(K key, long nowMillis) {
        expire(nowMillis);
        return slots.containsKey(key);
    }

    void remove(K key) {
        Slot<V> slot = slots.remove(key);
        if (slot != null) {
            weight -= slot.weight();
        }
    }

    int size(long nowMillis) {
        expire(nowMillis);
        return slots.size();
    }

    long weight(long nowMillis) {
        expire(nowMillis);
        return weight;
    }

    private void expire(long nowMillis) {
        if (nowMillis < nextExpiry) {
            return;
        }
        Iterator<Slot<V>> it = slots.values().iterator();
        while (it.hasNext()) {
            Slot<V> slot = it.next();
            if (slot.expiresAt() > nowMillis) {
                nextExpiry = slot.expiresAt();
                return;
            }
            weight -= slot.weight();
            it.remove();
        }
        nextExpiry = Long.MAX_VALUE;
    }

    private record Slot<V>(V value, long expiresAt, long weight) {}
}
