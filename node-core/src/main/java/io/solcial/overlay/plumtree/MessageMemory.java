package io.solcial.overlay.plumtree;

import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * What a Plumtree remembers of the messages it delivered, in one structure: per id, how it
 * arrived (for exactly-once delivery), and, for a shorter time, its payload (to answer GRAFTs).
 * An insertion-ordered map whose entries expire a fixed time after insertion, bounded in count;
 * each entry may carry a payload that expires sooner, with the payloads bounded in count and in
 * total weight on their own (the oldest go first). A payload is kept at most as long as its
 * entry. With one TTL per tier and a monotonic clock, insertion order is expiry order in both.
 * Not thread-safe.
 *
 * <p>One map instead of two: every message delivered is put in both tiers at once, and a second
 * map would cost each put its own table slot, ring slots and object, misses to memory that a
 * simulator of thousands of nodes pays on every delivery.
 *
 * <p>Entries live in a ring in insertion order (a replaced entry leaves a hole), indexed by an
 * open-addressing table of {@code hash << 32 | position + 1}. The ring is two arrays with an
 * entry's fields side by side: {@code key, value, payload} in one, {@code expiry,
 * hash << 32 | payload weight} in the other. The payloads still held are a suffix of the entries
 * (older ones lost theirs first): {@link #payloadSkip} ring slots after the first hold none.
 *
 * <p>Expiry is lazy: a lookup treats an entry or payload past its expiry as absent, and expired
 * entries are dropped together when the ring is full, by one sequential pass that also drops
 * expired payloads and rebuilds the table (or when {@link #size} or {@link #payloads} is asked).
 * At 10,000 simulated nodes the entry an eager expiry would drop was last touched minutes of
 * virtual time ago, so dropping entries one by one cost three or four misses to memory per put.
 * The bounds count expired entries and payloads until they are dropped; since they are the
 * oldest, they are evicted before any live one, so what lookups see is the same as with eager
 * expiry. Payload weights must fit an {@code int}.
 */
final class MessageMemory<K, V, P> {
    private final long ttlMillis;
    private final long payloadTtlMillis;
    private final int maxEntries;
    private final int maxPayloads;
    private final long maxPayloadWeight;
    private final ToLongFunction<P> weigher;
    // the ring: positions first, first + 1, ... (mod capacity), `used` of them, holes have a null key
    /** {@code key, value, payload} of position p at 3p, 3p + 1 and 3p + 2. */
    private Object[] entries = new Object[24];
    /** {@code expiry} and {@code hash << 32 | payload weight} of position p at 2p and 2p + 1. */
    private long[] meta = new long[16];
    private int capacity = 8;
    private int first;
    private int used;
    private int size;
    /** Ring slots after {@link #first} that hold no payload: the oldest payload is at or after it. */
    private int payloadSkip;
    private int payloads;
    private long payloadWeight;
    /** 0 = free, else {@code (long) hash << 32 | (position + 1)}; at most half full. */
    private long[] index = new long[16];
    /**
     * The entry last put or found (or null) and its expiry, so repeated lookups of one key (the
     * IHAVEs for the latest message) read nothing but this object; compared by identity. Cleared
     * whenever an entry leaves.
     */
    private Object lastKey;
    private Object lastValue;
    private long lastExpiry;

    /**
     * @param ttlMillis        how long an entry lives
     * @param maxEntries       entries kept at most
     * @param payloadTtlMillis how long a payload lives (≤ {@code ttlMillis})
     * @param maxPayloads      payloads kept at most
     * @param maxPayloadWeight total weight of the payloads kept at most
     */
    MessageMemory(long ttlMillis, int maxEntries, long payloadTtlMillis, int maxPayloads, long maxPayloadWeight,
            ToLongFunction<P> weigher) {
        if (payloadTtlMillis > ttlMillis || payloadTtlMillis < 0 || maxEntries < 0 || maxPayloads < 0
                || maxPayloadWeight < 0) {
            throw new IllegalArgumentException("bad bounds: ttl " + ttlMillis + " ms, " + maxEntries
                    + " entries, payload ttl " + payloadTtlMillis + " ms, " + maxPayloads + " payloads, weight "
                    + maxPayloadWeight);
        }
        this.ttlMillis = ttlMillis;
        this.payloadTtlMillis = payloadTtlMillis;
        this.maxEntries = maxEntries;
        this.maxPayloads = maxPayloads;
        this.maxPayloadWeight = maxPayloadWeight;
        this.weigher = weigher;
    }

    /**
     * Inserts (or replaces, renewing its lifetime and dropping the payload it had) with {@code
     * payload} (or none when null), and evicts what the bounds require.
     */
    void put(K key, V value, P payload, long nowMillis) {
        long w = payload == null ? 0 : weigher.applyAsLong(payload);
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
        entries[3 * position] = key;
        entries[3 * position + 1] = value;
        entries[3 * position + 2] = payload;
        meta[2 * position] = nowMillis + ttlMillis;
        meta[2 * position + 1] = (long) hash << 32 | w;
        size++;
        if (payload != null) {
            payloads++;
            payloadWeight += w;
        }
        index[slot >= 0 ? slot : ~slot] = (long) hash << 32 | (position + 1);
        lastKey = key;
        lastValue = value;
        lastExpiry = nowMillis + ttlMillis;
        while (size > maxEntries) {
            removeOldest();
        }
        while ((payloads > maxPayloads || payloadWeight > maxPayloadWeight) && payloads > 0) {
            dropOldestPayload();
        }
    }

    /** The value, or null when absent or expired. */
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
        lastValue = entries[3 * position + 1];
        lastExpiry = meta[2 * position];
        return (V) lastValue;
    }

    boolean containsKey(K key, long nowMillis) {
        return livePosition(key, nowMillis) >= 0;
    }

    /** The payload of {@code key}, or null when it has none, or it (or the entry) expired or was evicted. */
    @SuppressWarnings("unchecked")
    P payloadOrNull(K key, long nowMillis) {
        int position = livePosition(key, nowMillis);
        if (position < 0 || payloadExpiry(position) <= nowMillis) {
            return null;
        }
        return (P) entries[3 * position + 2];
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

    /** Entries not expired. */
    int size(long nowMillis) {
        expire(nowMillis);
        return size;
    }

    /** Payloads not expired. */
    int payloads(long nowMillis) {
        expirePayloads(nowMillis);
        return payloads;
    }

    /** Total weight of the payloads not expired. */
    long payloadWeight(long nowMillis) {
        expirePayloads(nowMillis);
        return payloadWeight;
    }

    /**
     * Reads the table slot where {@code key} would be found and the ring position the next put
     * fills, and changes nothing; the value returned means nothing (see {@link Plumtree#prefetch}).
     */
    int prefetch(Object key) {
        long slot = index[spread(key.hashCode()) & (index.length - 1)];
        int tail = (first + used) & (capacity - 1);
        return (int) slot ^ (int) meta[2 * tail] ^ (entries[3 * tail] == null ? 0 : 1);
    }

    /** Payloads held, expired ones not dropped yet included (for tests). */
    int payloadsHeld() {
        return payloads;
    }

    /** Entries the ring holds before it must make room (for tests). */
    int ringCapacity() {
        return capacity;
    }

    private long payloadExpiry(int position) {
        return meta[2 * position] - ttlMillis + payloadTtlMillis;
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

    /** Drops every expired entry and payload now (for the counts). */
    private void expirePayloads(long nowMillis) {
        expire(nowMillis);
        int mask = capacity - 1;
        while (payloads > 0) {
            int p = (first + payloadSkip) & mask;
            if (entries[3 * p + 2] != null) {
                if (payloadExpiry(p) > nowMillis) {
                    return;
                }
                clearPayload(p);
            }
            payloadSkip++;
        }
    }

    /** Drops the oldest payload (there is one), keeping its entry. */
    private void dropOldestPayload() {
        int mask = capacity - 1;
        while (true) {
            int p = (first + payloadSkip++) & mask;
            if (entries[3 * p + 2] != null) {
                clearPayload(p);
                return;
            }
        }
    }

    /**
     * The ring is full: drops the expired entries at its head and the holes, then doubles the ring
     * if more than three quarters of it is still live; either way the ring is compacted, expired
     * payloads dropped and the table rebuilt in one pass.
     */
    private void makeRoom(long nowMillis) {
        while (used > 0) {
            if (entries[3 * first] != null) {
                if (meta[2 * first] > nowMillis) {
                    break;
                }
                clearEntry(first);
            }
            advanceFirst();
        }
        rebuild(4 * size > 3 * capacity ? 2 * capacity : capacity, nowMillis);
    }

    /**
     * Closes the holes of the ring, keeping its order: in place when {@code newCapacity} is the
     * current one (an entry only moves towards the first position, over slots already read), else
     * into a new ring from position 0. Drops the payloads expired at {@code nowMillis} and rebuilds
     * the table.
     */
    private void rebuild(int newCapacity, long nowMillis) {
        boolean inPlace = newCapacity == capacity;
        Object[] e = inPlace ? entries : new Object[3 * newCapacity];
        long[] m = inPlace ? meta : new long[2 * newCapacity];
        int base = inPlace ? first : 0;
        int mask = capacity - 1;
        int newMask = newCapacity - 1;
        int n = 0;
        int skip = -1;
        for (int i = 0; i < used; i++) {
            int p = (first + i) & mask;
            if (entries[3 * p] == null) {
                continue;
            }
            if (entries[3 * p + 2] != null && payloadExpiry(p) <= nowMillis) {
                clearPayload(p);
            }
            if (skip < 0 && entries[3 * p + 2] != null) {
                skip = n;
            }
            int q = (base + n++) & newMask;
            if (!inPlace || q != p) {
                e[3 * q] = entries[3 * p];
                e[3 * q + 1] = entries[3 * p + 1];
                e[3 * q + 2] = entries[3 * p + 2];
                m[2 * q] = meta[2 * p];
                m[2 * q + 1] = meta[2 * p + 1];
                if (inPlace) {
                    entries[3 * p] = null;
                    entries[3 * p + 1] = null;
                    entries[3 * p + 2] = null;
                }
            }
        }
        entries = e;
        meta = m;
        capacity = newCapacity;
        first = base;
        used = n;
        payloadSkip = skip < 0 ? n : skip;
        if (index.length < 2 * newCapacity) {
            index = new long[2 * newCapacity];
        } else {
            Arrays.fill(index, 0);
        }
        int indexMask = index.length - 1;
        for (int i = 0; i < n; i++) {
            int p = (base + i) & newMask;
            insert((int) (m[2 * p + 1] >>> 32), p, indexMask);
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
        while (used > 0 && entries[3 * first] == null) {
            advanceFirst();
        }
    }

    /** The ring's first position leaves it (it is a hole by now). */
    private void advanceFirst() {
        first = (first + 1) & (capacity - 1);
        used--;
        if (payloadSkip > 0) {
            payloadSkip--;
        }
    }

    /** Empties a ring position, payload included (its table slot is the caller's business). */
    private void clearEntry(int position) {
        if (entries[3 * position + 2] != null) {
            clearPayload(position);
        }
        entries[3 * position] = null;
        entries[3 * position + 1] = null;
        size--;
        lastKey = null;
        lastValue = null;
    }

    /** Drops the payload at {@code position} (there is one). */
    private void clearPayload(int position) {
        entries[3 * position + 2] = null;
        payloads--;
        payloadWeight -= (int) meta[2 * position + 1];
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
                Object k = entries[3 * ((int) entry - 1)];
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

    private static int spread(int h) {
        return h ^ h >>> 16;
    }
}
