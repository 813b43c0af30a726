package io.solcial.overlay.sim;

import java.util.Arrays;

/**
 * Every host's outgoing links that have a message in flight, each with the arrival time of its last
 * message, so later messages on a link never overtake it (FIFO, as a TCP stream).
 *
 * <p>A link whose last message has arrived constrains nothing (a message sent now arrives at or
 * after now), so it is forgotten when its host's row fills up: a host holds only the few links
 * busy lately, packed {@code long}s scanned in place. They live in one shared table, a row of
 * {@link #ROW} per host (two cache lines, one read per message sent, no object per host); a host
 * with more links in flight at once than fit in its row gets an array of its own. Host indices below 2^23, times below 2^40. Not
 * thread-safe.
 */
final class FifoLinks {
    private static final int TIME_BITS = 40;
    private static final long TIME_MASK = (1L << TIME_BITS) - 1;
    static final int MAX_HOST = (1 << 23) - 1;
    static final long MAX_TIME = TIME_MASK;
    /** Links in flight kept in a host's row of the shared table. */
    static final int ROW = 15;
    private static final int STRIDE = ROW + 1;

    /**
     * Per host {@code STRIDE} longs: the count in use, then {@code (target + 1) << 40 | arrival} for
     * each; unused once the host's links moved to {@link #spilled}.
     */
    private long[] table = new long[64 * STRIDE];
    /** Rows of hosts that once had more than {@link #ROW} links in flight: the count first, as in the table. */
    private long[][] spilled = new long[64][];

    /**
     * The arrival time of a message from {@code from} to {@code to} sent at {@code now} that would
     * arrive at {@code earliest} (≥ now) on its own: no earlier than the link's previous message.
     * Records it.
     */
    long arrival(int from, int to, long now, long earliest) {
        if (from < 0 || from > MAX_HOST || to < 0 || to > MAX_HOST || now < 0 || earliest < now
                || earliest > MAX_TIME) {
            throw new IllegalArgumentException(
                    "host " + from + "/" + to + " or time " + now + "/" + earliest + " out of range");
        }
        if (from >= spilled.length) {
            grow(from);
        }
        long[] row = spilled[from];
        int base = 0;
        if (row == null) {
            row = table;
            base = from * STRIDE;
        }
        long tag = (long) (to + 1) << TIME_BITS;
        int size = (int) row[base];
        // the link's previous message, if it is still listed (the usual answer is no: a cheap scan)
        for (int i = base + 1, end = base + 1 + size; i < end; i++) {
            long link = row[i];
            if ((link & ~TIME_MASK) == tag) {
                long arrival = Math.max(link & TIME_MASK, earliest);
                row[i] = tag | arrival;
                return arrival;
            }
        }
        if (full(row, base, size)) {
            // full: forget the links whose last message has arrived, and if that is not enough, grow
            int kept = 0;
            for (int i = base + 1, end = base + 1 + size; i < end; i++) {
                if ((row[i] & TIME_MASK) > now) {
                    row[base + 1 + kept++] = row[i];
                }
            }
            size = kept;
            if (full(row, base, size)) {
                row = spill(from, row, base, size);
                base = 0;
            }
        }
        row[base + 1 + size] = tag | earliest;
        row[base] = size + 1;
        return earliest;
    }

    private boolean full(long[] row, int base, int size) {
        return row == table ? size == ROW : base + 1 + size == row.length;
    }

    /** Moves (or grows) {@code from}'s links into an array of its own, twice as large. */
    private long[] spill(int from, long[] row, int base, int kept) {
        long[] own = new long[2 * (kept + 1)];
        System.arraycopy(row, base + 1, own, 1, kept);
        spilled[from] = own;
        return own;
    }

    private void grow(int host) {
        int capacity = Math.max(2 * spilled.length, host + 1);
        spilled = Arrays.copyOf(spilled, capacity);
        table = Arrays.copyOf(table, capacity * STRIDE);
    }

    /** Links of {@code from} listed: those with a message in flight, and some whose last message has arrived (for tests). */
    int size(int from) {
        if (from >= spilled.length) {
            return 0;
        }
        return (int) (spilled[from] != null ? spilled[from][0] : table[from * STRIDE]);
    }
}
