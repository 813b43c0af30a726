package io.solcial.overlay.plumtree;

import io.solcial.overlay.Topic;
import io.solcial.overlay.plumtree.PlumtreeMessage.Announcement;
import io.solcial.overlay.plumtree.PlumtreeMessage.IHave;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link Plumtree} needs to see that an IHAVE changes nothing, for one instance or many side
 * by side: per slot, the topic, the id the instance delivered last, until when it remembers that
 * id, the highest announced round that would still re-parent it, and whether IHAVEs of its own
 * wait to be flushed.
 *
 * <p>Most IHAVEs announce the message their receiver delivered last, while none of its own wait,
 * at a round too high to shorten its path: they change nothing. Plumtree reads its latest id from
 * this table; {@link #absorbs} tells such an IHAVE apart. A simulator that gives all its nodes one table
 * can ask it before handing the message to the node, so that such an IHAVE (a third of all
 * events at 10,000 nodes) reads two lines of this table instead of the node's objects.
 *
 * <p>Each slot is written only by its own Plumtree. Not thread-safe: one table serves state
 * machines that run on one thread.
 */
public final class LatestMessages {
    private static final long NO_PATH = (long) Integer.MIN_VALUE << 1;

    /** Per slot {@code s}: the topic at {@code 2s}, the latest id (or null) at {@code 2s + 1}. */
    private Object[] refs = new Object[2];
    /**
     * Per slot {@code s}: the latest id's expiry at {@code 2s}; at {@code 2s + 1}, {@code
     * optimisableUpTo << 1 | flushPending}.
     */
    private long[] words = new long[2];
    private int size;

    /** A new slot for a Plumtree of {@code topic}, with no latest id and nothing waiting. */
    int add(Topic topic) {
        if (size == refs.length / 2) {
            refs = Arrays.copyOf(refs, 4 * size);
            words = Arrays.copyOf(words, 4 * size);
        }
        int slot = size++;
        refs[2 * slot] = topic;
        words[2 * slot + 1] = NO_PATH;
        return slot;
    }

    /**
     * Whether the IHAVE {@code h} changes nothing at the Plumtree of {@code slot} at {@code
     * nowMillis}: it is for that Plumtree's topic, its every id is the one the Plumtree delivered
     * last and still remembers, each announced at a round above the one that would re-parent,
     * and no IHAVE of the Plumtree waits to be flushed (which the announcement would trim).
     */
    public boolean absorbs(int slot, IHave h, long nowMillis) {
        long state = words[2 * slot + 1];
        Object topic = refs[2 * slot];
        if ((state & 1) != 0 || (h.topic() != topic && !h.topic().equals(topic))) {
            return false;
        }
        int upTo = (int) (state >> 1);
        List<Announcement> announcements = h.announcements();
        for (int i = 0, n = announcements.size(); i < n; i++) {
            Announcement a = announcements.get(i);
            if (a.round() <= upTo || !isLatest(slot, a.id(), nowMillis)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code id} is the latest id of {@code slot} and still remembered at {@code nowMillis}. */
    boolean isLatest(int slot, MessageId id, long nowMillis) {
        Object latest = refs[2 * slot + 1];
        return latest != null && (id == latest || id.equals(latest)) && nowMillis < words[2 * slot];
    }

    /** The highest announced round of the latest id that would re-parent (Integer.MIN_VALUE: none). */
    int optimisableUpTo(int slot) {
        return (int) (words[2 * slot + 1] >> 1);
    }

    void setLatest(int slot, MessageId id, long expiresAtMillis, int optimisableUpTo) {
        refs[2 * slot + 1] = id;
        words[2 * slot] = expiresAtMillis;
        words[2 * slot + 1] = (long) optimisableUpTo << 1 | (words[2 * slot + 1] & 1);
    }

    void setFlushPending(int slot, boolean pending) {
        words[2 * slot + 1] = words[2 * slot + 1] & ~1L | (pending ? 1 : 0);
    }
}
