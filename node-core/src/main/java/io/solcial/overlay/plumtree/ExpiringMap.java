package io.solcial.overlay.plumtree;

import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * An insertion-ordered map whose entries expire a fixed time after insertion and whose size and
 * total weight are bounded (the oldest entries go first). With one TTL and a monotonic clock,
 * insertion order is expiry order, so expiry only looks at the head. Not thread-safe.
 *
 * <p>Entries live in a ring in insertion order (a replaced entry leaves a hole), indexed by an
 * open-addressing table of {@code hash << 32 | position + 1}. The ring is two arrays with an
 * entry's fields side by side: {@code key, value} in one, {@code expiry, hash << 32 | weight} in
 * the other, so putting, finding or expiring an entry reads two cache lines of the ring and one of
 * the table. Every node keeps two of these maps and touches both on every message; at 10,000
 * nodes the entry an expiry reads was last touched a minute of virtual time ago, so each line is
 * a miss to memory. Weights must fit an {@code int}.
 */
final class ExpiringMap<K, V> {
    private final long ttlMillis;
    private final int maxEntries;
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    // the ring: positions first, first + 1, ... (mod capacity), `used` of them, holes have a null key
    /** {@code key, value} of position p at 2p and 2p + 1. */
    private Object[] entries = new Object[16];
    /** {@code expiry} and {@code hash << 32 | weight} of position p at 2p and 2p + 1. */
    private long[] meta = new long[16];
    private int capacity = 8;
    private int first;
    private int used;
    private int size;
    /** 0 = free, else {@code (long) hash << 32 | (position + 1)}; at most half full. */
    private long[] index = new long[16];
    private long weight;
    /** Never later than the oldest entry's expiry, so lookups skip {@link #expire} until then. */
    private long nextExpiry = Long.MAX_VALUE;
    /**
     * The entry last put or found (or null), so repeated lookups of one key (the IHAVEs for the latest
     * message) read nothing but this object; compared by identity. Cleared whenever an entry leaves.
     */
    private Object lastKey;
    private Object lastValue;

    ExpiringMap(long ttlMillis, int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** Inserts (or replaces, renewing its lifetime) and evicts what the bounds require. */
    void put(K key, V value, long nowMillis) {
        long w = weigher.applyAsLong(value);
        if (w < 0 || w > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("weight " + w + " is not in [0, " + Integer.MAX_VALUE + "]");
        }
        expire(nowMillis);
        int hash = key.hashCode();
        int slot = find(key, hash);
        if (slot >= 0) {
            clearEntry((int) index[slot] - 1);
        }
        if (used == capacity) {
            resize();
            slot = find(key, hash);
        }
        int position = (first + used) & (capacity - 1);
        used++;
        entries[2 * position] = key;
        entries[2 * position + 1] = value;
        meta[2 * position] = nowMillis + ttlMillis;
        meta[2 * position + 1] = (long) hash << 32 | w;
        size++;
        weight += w;
        long entry = (long) hash << 32 | (position + 1);
        index[slot >= 0 ? slot : ~slot] = entry;
        nextExpiry = Math.min(nextExpiry, nowMillis + ttlMillis);
        lastKey = key;
        lastValue = value;
        while ((size > maxEntries || weight > maxWeight) && size > 0) {
            removeOldest();
        }
    }

    Optional<V> get(K key, long nowMillis) {
        return Optional.ofNullable(getOrNull(key, nowMillis));
    }

    /** The value, or null when absent (the hot paths' allocation-free {@link #get}). */
    @SuppressWarnings("unchecked")
    V getOrNull(K key, long nowMillis) {
        expire(nowMillis);
        if (key == lastKey && key != null) {
            return (V) lastValue;
        }
        int slot = find(key, key.hashCode());
        if (slot < 0) {
            return null;
        }
        int position = (int) index[slot] - 1;
        lastKey = key;
        lastValue = entries[2 * position + 1];
        return (V) lastValue;
    }

    boolean containsKey(K key, long nowMillis) {
        expire(nowMillis);
        return find(key, key.hashCode()) >= 0;
    }

    void remove(K key) {
        int slot = find(key, key.hashCode());
        if (slot >= 0) {
            clearEntry((int) index[slot] - 1);
            deleteSlot(slot);
        }
    }

    int size(long nowMillis) {
        expire(nowMillis);
        return size;
    }

    long weight(long nowMillis) {
        expire(nowMillis);
        return weight;
    }

    private void expire(long nowMillis) {
        if (nowMillis < nextExpiry) {
            return;
        }
        while (size > 0) {
            skipHoles();
            long expiry = meta[2 * first];
            if (expiry > nowMillis) {
                nextExpiry = expiry;
                return;
            }
            removeOldest();
        }
        nextExpiry = Long.MAX_VALUE;
    }

    /** Removes the oldest live entry (there is one). */
    private void removeOldest() {
        skipHoles();
        int position = first;
        deleteSlot(slotOf(position));
        clearEntry(position);
        skipHoles();
    }

    private void skipHoles() {
        int mask = capacity - 1;
        while (used > 0 && entries[2 * first] == null) {
            first = (first + 1) & mask;
            used--;
        }
    }

    /** Empties a ring position (its table slot is the caller's business). */
    private void clearEntry(int position) {
        entries[2 * position] = null;
        entries[2 * position + 1] = null;
        weight -= (int) meta[2 * position + 1];
        size--;
        lastKey = null;
        lastValue = null;
    }

    /** The table slot holding {@code key}, or {@code ~slot} of the free slot where it would go. */
    private int find(Object key, int hash) {
        long[] table = index;
        int mask = table.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            long entry = table[i];
            if (entry == 0) {
                return ~i;
            }
            if ((int) (entry >>> 32) == hash) {
                Object k = entries[2 * ((int) entry - 1)];
                if (k == key || key.equals(k)) {
                    return i;
                }
            }
        }
    }

    /** The table slot of the live entry at {@code position}. */
    private int slotOf(int position) {
        int mask = index.length - 1;
        int hash = (int) (meta[2 * position + 1] >>> 32);
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            if ((int) index[i] - 1 == position) {
                return i;
            }
        }
    }

    /** Frees a table slot, moving later entries of its probe run back (linear probing deletion). */
    private void deleteSlot(int slot) {
        long[] table = index;
        int mask = table.length - 1;
        int hole = slot;
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = spread((int) (table[j] >>> 32)) & mask;
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }

    /** Compacts the ring (dropping holes), doubling it when more than half full, and rebuilds the table. */
    private void resize() {
        int newCapacity = size * 2 > capacity ? capacity * 2 : capacity;
        Object[] e = new Object[2 * newCapacity];
        long[] m = new long[2 * newCapacity];
        int n = 0;
        int mask = capacity - 1;
        for (int i = 0; i < used; i++) {
            int p = (first + i) & mask;
            if (entries[2 * p] != null) {
                e[2 * n] = entries[2 * p];
                e[2 * n + 1] = entries[2 * p + 1];
                m[2 * n] = meta[2 * p];
                m[2 * n + 1] = meta[2 * p + 1];
                n++;
            }
        }
        entries = e;
        meta = m;
        capacity = newCapacity;
        first = 0;
        used = n;
        index = new long[2 * newCapacity];
        int indexMask = index.length - 1;
        for (int p = 0; p < n; p++) {
            int h = (int) (m[2 * p + 1] >>> 32);
            int i = spread(h) & indexMask;
            while (index[i] != 0) {
                i = (i + 1) & indexMask;
            }
            index[i] = (long) h << 32 | (p + 1);
        }
    }

    private static int spread(int h) {
        return h ^ h >>> 16;
    }
}
