package io.solcial.overlay.plumtree;

import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * An insertion-ordered map whose entries expire a fixed time after insertion and whose size and
 * total weight are bounded (the oldest entries go first). With one TTL and a monotonic clock,
 * insertion order is expiry order, so expiry only looks at the head. Not thread-safe.
 *
 * <p>Entries live in a ring of parallel arrays in insertion order (a replaced entry leaves a hole),
 * indexed by an open-addressing table of {@code hash << 32 | position + 1}: a lookup reads the
 * table and the ring's arrays, and expiring the oldest entry reads the ring's head and one table
 * slot, instead of a linked hash map's bucket, entry and value objects. Every node keeps two of
 * these maps, looked up on every message.
 */
final class ExpiringMap<K, V> {
    private final long ttlMillis;
    private final int maxEntries;
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    // the ring: positions first, first + 1, ... (mod capacity), `used` of them, holes have a null key
    private Object[] keys = new Object[8];
    private Object[] values = new Object[8];
    private long[] expiries = new long[8];
    private long[] weights = new long[8];
    private int[] hashes = new int[8];
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
        expire(nowMillis);
        int hash = key.hashCode();
        int slot = find(key, hash);
        if (slot >= 0) {
            clearEntry((int) index[slot] - 1);
        }
        if (used == keys.length) {
            resize();
            slot = find(key, hash);
        }
        int position = (first + used) & (keys.length - 1);
        used++;
        long w = weigher.applyAsLong(value);
        keys[position] = key;
        values[position] = value;
        expiries[position] = nowMillis + ttlMillis;
        weights[position] = w;
        hashes[position] = hash;
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
        lastValue = values[position];
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
            long expiry = expiries[first];
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
        int mask = keys.length - 1;
        while (used > 0 && keys[first] == null) {
            first = (first + 1) & mask;
            used--;
        }
    }

    /** Empties a ring position (its table slot is the caller's business). */
    private void clearEntry(int position) {
        keys[position] = null;
        values[position] = null;
        weight -= weights[position];
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
                Object k = keys[(int) entry - 1];
                if (k == key || key.equals(k)) {
                    return i;
                }
            }
        }
    }

    /** The table slot of the live entry at {@code position}. */
    private int slotOf(int position) {
        int mask = index.length - 1;
        for (int i = spread(hashes[position]) & mask; ; i = (i + 1) & mask) {
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
        int capacity = size * 2 > keys.length ? keys.length * 2 : keys.length;
        Object[] k = new Object[capacity];
        Object[] v = new Object[capacity];
        long[] e = new long[capacity];
        long[] w = new long[capacity];
        int[] h = new int[capacity];
        int n = 0;
        int mask = keys.length - 1;
        for (int i = 0; i < used; i++) {
            int p = (first + i) & mask;
            if (keys[p] != null) {
                k[n] = keys[p];
                v[n] = values[p];
                e[n] = expiries[p];
                w[n] = weights[p];
                h[n] = hashes[p];
                n++;
            }
        }
        keys = k;
        values = v;
        expiries = e;
        weights = w;
        hashes = h;
        first = 0;
        used = n;
        index = new long[2 * capacity];
        int indexMask = index.length - 1;
        for (int p = 0; p < n; p++) {
            int i = spread(h[p]) & indexMask;
            while (index[i] != 0) {
                i = (i + 1) & indexMask;
            }
            index[i] = (long) h[p] << 32 | (p + 1);
        }
    }

    private static int spread(int h) {
        return h ^ h >>> 16;
    }
}
