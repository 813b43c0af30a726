package io.solcial.overlay.sim;

import java.util.Arrays;

/** A small open-addressing map from non-negative ints to longs, without boxing. Not thread-safe. */
final class IntLongMap {
    private int[] keys = new int[8];
    private long[] values = new long[8];
    private int size;

    IntLongMap() {
        Arrays.fill(keys, -1);
    }

    long get(int key, long absent) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
            if (keys[i] < 0) {
                return absent;
            }
        }
    }

    void put(int key, long value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative key " + key);
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] >= 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] < 0) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    int size() {
        return size;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, -1);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] >= 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int key) {
        return key * 0x9E3779B9 >>> 16 ^ key;
    }
}
