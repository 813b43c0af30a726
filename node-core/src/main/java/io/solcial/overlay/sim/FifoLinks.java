package io.solcial.overlay.sim;

import java.util.Arrays;

/**
 * One host's outgoing links that have a message in flight, each with the arrival time of its last
 * message, so later messages on the link never overtake it (FIFO, as a TCP stream).
 *
 * <p>A link whose last message has arrived constrains nothing (a message sent now arrives at or
 * after now), so it is forgotten: the table holds only the few links busy right now, a handful of
 * packed {@code long}s scanned in place, instead of one entry per peer ever written to. Host
 * indices below 2^23, times below 2^40. Not thread-safe.
 */
final class FifoLinks {
    private static final int TIME_BITS = 40;
    private static final long TIME_MASK = (1L << TIME_BITS) - 1;
    static final int MAX_HOST = (1 << 23) - 1;
    static final long MAX_TIME = TIME_MASK;

    /** {@code (host + 1) << 40 | arrival}, the first {@link #size} in use. */
    private long[] links = new long[4];
    private int size;

    /**
     * The arrival time of a message to {@code host} sent at {@code now} that would arrive at {@code
     * earliest} (≥ now) on its own: no earlier than the link's previous message. Records it.
     */
    long arrival(int host, long now, long earliest) {
        if (host < 0 || host > MAX_HOST || now < 0 || earliest < now || earliest > MAX_TIME) {
            throw new IllegalArgumentException("host " + host + " or time " + now + "/" + earliest + " out of range");
        }
        long tag = (long) (host + 1) << TIME_BITS;
        long arrival = earliest;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            long link = links[i];
            long at = link & TIME_MASK;
            if ((link & ~TIME_MASK) == tag) {
                arrival = Math.max(at, earliest);
            } else if (at > now) {
                links[kept++] = link;
            }
        }
        if (kept == links.length) {
            links = Arrays.copyOf(links, 2 * kept);
        }
        links[kept++] = tag | arrival;
        size = kept;
        return arrival;
    }

    /** Links with a message in flight as of the last {@link #arrival} call (for tests). */
    int size() {
        return size;
    }
}
