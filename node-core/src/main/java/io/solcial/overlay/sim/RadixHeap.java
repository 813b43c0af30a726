package io.solcial.overlay.sim;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A monotone priority queue of non-negative {@code long} keys (a radix heap, Ahuja et al. 1990): a
 * key pushed is never below the last one popped, as in Dijkstra's algorithm, whose every new
 * tentative distance is at least the distance just settled. Keys wait in 65 buckets by the
 * highest bit in which they differ from the last key popped; a pop takes from bucket 0 (keys equal
 * to it) or else finds the lowest non-empty bucket, makes its least key the new last and spreads
 * the bucket's keys into lower buckets. Each key moves down at most 64 times, and in practice once
 * or twice: pushes are appends, pops a short scan, instead of a binary heap's sift over log n
 * levels with unpredictable branches.
 *
 * <p>Pops come out in exactly the order a binary heap's would (ascending; equal keys are equal
 * values). Not thread-safe.
 */
final class RadixHeap {
    private static final int BUCKETS = 65;

    private final long[][] buckets = new long[BUCKETS][];
    private final int[] sizes = new int[BUCKETS];
    private long last;
    private int size;

    RadixHeap() {
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = new long[16];
        }
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Empties the queue; the next key pushed may be any non-negative value. */
    void clear() {
        Arrays.fill(sizes, 0);
        size = 0;
        last = 0;
    }

    /** Adds {@code key}, which must be ≥ 0 and ≥ the last key popped. */
    void push(long key) {
        if (key < last) {
            throw new IllegalArgumentException("key " + key + " is below the last key popped, " + last);
        }
        append(bucketOf(key), key);
        size++;
    }

    /** Removes and returns the least key. */
    long pop() {
        if (size == 0) {
            throw new NoSuchElementException("empty");
        }
        if (sizes[0] == 0) {
            int b = 1;
            while (sizes[b] == 0) {
                b++;
            }
            long[] keys = buckets[b];
            int n = sizes[b];
            long least = keys[0];
            for (int i = 1; i < n; i++) {
                least = Math.min(least, keys[i]);
            }
            last = least;
            sizes[b] = 0;
            // every key of bucket b now differs from the new last in a lower bit than b - 1
            for (int i = 0; i < n; i++) {
                append(bucketOf(keys[i]), keys[i]);
            }
        }
        size--;
        sizes[0]--;
        return last;
    }

    private int bucketOf(long key) {
        return 64 - Long.numberOfLeadingZeros(key ^ last);
    }

    private void append(int b, long key) {
        int n = sizes[b];
        long[] keys = buckets[b];
        if (n == keys.length) {
            keys = Arrays.copyOf(keys, 2 * n);
            buckets[b] = keys;
        }
        keys[n] = key;
        sizes[b] = n + 1;
    }
}
