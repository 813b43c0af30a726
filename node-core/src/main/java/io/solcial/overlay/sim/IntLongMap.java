package io.solcial.overlay.sim;

/**
 * A small open-addressing map from host indices (0 … 2^23 − 1) to non-negative times below 2^40,
 * without boxing: key and value share one {@code long} slot, so a lookup touches one array.
 * Not thread-safe.
 */
final class IntLongMap {
    private static final int VALUE_BITS = 40;
    private static final long VALUE_MASK = (1L << VALUE_BITS) - 1;
    static final int MAX_KEY = (1 << 23) - 1;
    static final long MAX_VALUE = VALUE_MASK;

    /** 0 = empty, else {@code (key + 1) << 40 | value}. */
    private long[] slots = new long[8];
    private int size;

    long get(int key, long absent) {
        long tag = (long) (key + 1) << VALUE_BITS;
        int mask = slots.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return absent;
            }
            if ((slot & ~VALUE_MASK) == tag) {
                return slot & VALUE_MASK;
            }
        }
    }

    void put(int key, long value) {
        if (key < 0 || key > MAX_KEY || value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("key " + key + " or value " + value + " out of range");
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        long tag = (long) (key + 1) << VALUE_BITS;
        int mask = slots.length - 1;
        int i = mix(key) & mask;
        while (slots[i] != 0 && (slots[i] & ~VALUE_MASK) != tag) {
            i = (i + 1) & mask;
        }
        if (slots[i] == 0) {
            size++;
        }
        slots[i] = tag | value;
    }

    /** Stores the larger of {@code value} and the value held for {@code key}, and returns it. */
    long raise(int key, long value) {
        long held = get(key, -1);
        if (held >= value) {
            return held;
        }
        put(key, value);
        return value;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long slot : old) {
            if (slot != 0) {
                int key = (int) (slot >>> VALUE_BITS) - 1;
                int i = mix(key) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = slot;
            }
        }
    }

    private static int mix(int key) {
        return key * 0x9E3779B9 >>> 16 ^ key;
    }
}
