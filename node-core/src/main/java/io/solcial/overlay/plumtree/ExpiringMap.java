package io.solcial.overlay.plumtree;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * An insertion-ordered map whose entries expire a fixed time after insertion and whose size and
 * total weight are bounded (the oldest entries go first). With one TTL and a monotonic clock,
 * insertion order is expiry order. Not thread-safe.
 *
 * <p>Entries live in a ring in insertion order (a replaced entry leaves a hole), indexed by an
 * open-addressing table of {@code hash << 32 | position + 1}. The ring is two arrays with an
 * entry's fields side by side: {@code key, value} in one, {@code expiry, hash << 32 | weight} in
 * the other.
 *
 * <p>Expiry is lazy: a lookup treats an entry past its expiry as absent, and expired entries are
 * dropped together when the ring is full, by one sequential pass that also rebuilds the table
 * (or when {@link #size} or {@link #weight} is asked). Every node keeps two of these maps and
 * puts into both on every message; at 10,000 nodes the entry an eager expiry would drop was last
 * touched minutes of virtual time ago, so dropping entries one by one cost three or four misses to
 * memory per put. The bounds count expired entries until they are dropped; since they are the
 * oldest, they are evicted before any live entry, so what lookups see is the same as with eager
 * expiry. Weights must fit an {@code int}.
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
    /**
     * The entry last put or found (or null) and its expiry, so repeated lookups of one key (the
     * IHAVEs for the latest message) read nothing but this object; compared by identity. Cleared
     * whenever an entry leaves.
     */
    private Object lastKey;
    private Object lastValue;
    private long lastExpiry;

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
        int hash = key.hashCode();
        int slot = find(key, hash);
        if (slot >= 0) {
            clearEntry((int) index[slot] - 1);
        }
        if (used == capacity) {
            makeRoom(nowMillis);
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
        lastKey = key;
        lastValue = value;
        lastExpiry = nowMillis + ttlMillis;
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
        if (key == lastKey && key != null && nowMillis < lastExpiry) {
            return (V) lastValue;
        }
        int position = livePosition(key, nowMillis);
        if (position < 0) {
            return null;
        }
        lastKey = key;
        lastValue = entries[2 * position + 1];
        lastExpiry = meta[2 * position];
        return (V) lastValue;
    }

    boolean containsKey(K key, long nowMillis) {
        return livePosition(key, nowMillis) >= 0;
    }

    /** The ring position of {@code key} when it is present and not expired, else -1. */
    private int livePosition(K key, long nowMillis) {
        int slot = find(key, key.hashCode());
        if (slot < 0) {
            return -1;
        }
        int position = (int) index[slot] - 1;
        return meta[2 * position] > nowMillis ? position : -1;
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

    /**
     * Reads the table slot where {@code key} would be found and the ring position the next put
     * fills, and changes nothing; the value returned means nothing (see {@link Plumtree#prefetch}).
     */
    int prefetch(Object key) {
        long slot = index[spread(key.hashCode()) & (index.length - 1)];
        int tail = 2 * ((first + used) & (capacity - 1));
        return (int) slot ^ (int) meta[tail] ^ (entries[tail] == null ? 0 : 1);
    }

    /** Entries the ring holds before it must make room (for tests). */
    int ringCapacity() {
        return capacity;
    }

    /** Drops every expired entry now, one by one (for the counts; puts drop them in batches). */
    private void expire(long nowMillis) {
        while (size > 0) {
            skipHoles();
            if (meta[2 * first] > nowMillis) {
                return;
            }
            removeOldest();
        }
    }

    /**
     * The ring is full: drops the expired entries at its head and the holes, then doubles the ring
     * if more than three quarters of it is still live; either way the table is rebuilt in one pass.
     */
    private void makeRoom(long nowMillis) {
        int mask = capacity - 1;
        while (used > 0) {
            if (entries[2 * first] != null) {
                if (meta[2 * first] > nowMillis) {
                    break;
                }
                clearEntry(first);
            }
            first = (first + 1) & mask;
            used--;
        }
        if (4 * size > 3 * capacity) {
            resize();
        } else {
            compact();
        }
    }

    /** Closes the holes of the ring in place, keeping its order, and rebuilds the table. */
    private void compact() {
        int mask = capacity - 1;
        int n = 0;
        for (int i = 0; i < used; i++) {
            int p = (first + i) & mask;
            if (entries[2 * p] == null) {
                continue;
            }
            int q = (first + n++) & mask;
            if (q != p) {
                entries[2 * q] = entries[2 * p];
                entries[2 * q + 1] = entries[2 * p + 1];
                meta[2 * q] = meta[2 * p];
                meta[2 * q + 1] = meta[2 * p + 1];
                entries[2 * p] = null;
                entries[2 * p + 1] = null;
            }
        }
        used = n;
        Arrays.fill(index, 0);
        int indexMask = index.length - 1;
        for (int i = 0; i < n; i++) {
            int p = (first + i) & mask;
            insert((int) (meta[2 * p + 1] >>> 32), p, indexMask);
        }
    }

    private void insert(int hash, int position, int indexMask) {
        int i = spread(hash) & indexMask;
        while (index[i] != 0) {
            i = (i + 1) & indexMask;
        }
        index[i] = (long) hash << 32 | (position + 1);
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

    /** Doubles the ring, compacting it (dropping holes), and rebuilds the table. */
    private void resize() {
        int newCapacity = capacity * 2;
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
            insert((int) (m[2 * p + 1] >>> 32), p, indexMask);
        }
    }

    private static int spread(int h) {
        return h ^ h >>> 16;
    }
}
