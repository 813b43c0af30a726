package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
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
 * this table; {@link #takeIHave} tells such an IHAVE apart. A simulator that gives all its nodes one table
 * can ask it before handing the message to the node, so that such an IHAVE (a third of all
 * events at 10,000 nodes) reads two lines of this table instead of the node's objects.
 *
 * <p>Most of the other IHAVEs announce that same latest id while IHAVEs of the Plumtree wait: their
 * only effect is to take the id out of the IHAVE waiting for their sender (who has it). {@link
 * #takeIHave} records the sender instead, in a line of this table, and the Plumtree does it before it
 * next queues or flushes IHAVEs or delivers a new id. With both, nearly all IHAVEs of a settled
 * tree stay out of the nodes' objects (97% at 10,000 nodes and one broadcast a second).
 *
 * <p>Each slot is written only by its own Plumtree, and read by whoever asks {@link #takeIHave}
 * (only a simulator does). Not thread-safe: one table serves state machines that
 * run on one thread.
 */
public final class LatestMessages {
    /**
     * In {@code words[2s + 1]}, below {@code optimisableUpTo}: the deferred count (bits 1–7) and the
     * flush flag (bit 0).
     */
    private static final int UP_TO_SHIFT = 8;
    private static final long LOW_BITS = (1L << UP_TO_SHIFT) - 1;
    private static final long COUNT_BITS = 0x7FL << 1;
    private static final long NO_PATH = (long) Integer.MIN_VALUE << UP_TO_SHIFT;

    /** Per slot {@code s}: the topic at {@code 2s}, the latest id (or null) at {@code 2s + 1}. */
    private Object[] refs = new Object[2];
    /**
     * Per slot {@code s}: the latest id's expiry at {@code 2s}; at {@code 2s + 1}, {@code
     * optimisableUpTo << 8 | deferredCount << 1 | flushPending} (one line to read for an IHAVE
     * besides the id, and for a flush).
     */
    private long[] words = new long[2];
    /** Per slot {@code s}: the senders of deferred IHAVEs at {@code DEFERRED * s ...} (one cache line). */
    private PeerId[] deferred = new PeerId[DEFERRED];
    private int size;

    /** Deferred senders a slot holds at most; an IHAVE beyond them is handed to the Plumtree as usual. */
    static final int DEFERRED = 16;

    /** A new slot for a Plumtree of {@code topic}, with no latest id and nothing waiting. */
    int add(Topic topic) {
        if (size == refs.length / 2) {
            refs = Arrays.copyOf(refs, 4 * size);
            words = Arrays.copyOf(words, 4 * size);
            deferred = Arrays.copyOf(deferred, 2 * size * DEFERRED);
        }
        int slot = size++;
        refs[2 * slot] = topic;
        words[2 * slot + 1] = NO_PATH;
        return slot;
    }

    /** {@link #takeIHave}: the IHAVE must go to the Plumtree. */
    public static final int HANDED_ON = 0;
    /** {@link #takeIHave}: the IHAVE changes nothing at the Plumtree. */
    public static final int ABSORBED = 1;
    /** {@link #takeIHave}: the IHAVE's sender was recorded for the Plumtree to act on later. */
    public static final int DEFERRED_SENDER = 2;

    /**
     * What the IHAVE {@code h} from {@code from} would do at the Plumtree of {@code slot} at {@code
     * nowMillis}, when it is for that Plumtree's topic and its every id is the one the Plumtree
     * delivered last and still remembers, each announced at a round above the one that would
     * re-parent:
     *
     * <ul>
     *   <li>{@link #ABSORBED}: nothing, while no IHAVE of the Plumtree waits to be flushed;
     *   <li>{@link #DEFERRED_SENDER}: only take the latest id out of the IHAVE waiting for {@code
     *       from}, while IHAVEs wait. {@code from} is recorded; the Plumtree takes the id out before
     *       it next queues or flushes IHAVEs or delivers a new id (a sender that is not its
     *       neighbour then is skipped, as the IHAVE would have been);
     * </ul>
     *
     * and otherwise, or when {@link #DEFERRED} senders wait already, {@link #HANDED_ON}, recording
     * nothing: the Plumtree must see the IHAVE.
     */
    public int takeIHave(int slot, IHave h, PeerId from, long nowMillis) {
        if (!announcesLatestOnly(slot, h, nowMillis)) {
            return HANDED_ON;
        }
        long w = words[2 * slot + 1];
        if ((w & 1) == 0) {
            return ABSORBED;
        }
        int count = count(w);
        if (count == DEFERRED) {
            return HANDED_ON;
        }
        deferred[DEFERRED * slot + count] = from;
        words[2 * slot + 1] = w + 2;
        return DEFERRED_SENDER;
    }

    private static int count(long w) {
        return (int) ((w & COUNT_BITS) >>> 1);
    }

    /**
     * Reads what {@link #takeIHave} reads for {@code slot}, changing nothing; the
     * value returned means nothing (for a simulator that asks this table for many IHAVEs in a row,
     * so that their cache misses overlap).
     */
    public int prefetch(int slot) {
        return (int) words[2 * slot + 1] + (refs[2 * slot + 1] == null ? 0 : 1);
    }

    /** Senders recorded by {@link #takeIHave} for {@code slot} and not yet cleared. */
    int deferredCount(int slot) {
        return count(words[2 * slot + 1]);
    }

    PeerId deferredSender(int slot, int i) {
        return deferred[DEFERRED * slot + i];
    }

    void clearDeferred(int slot) {
        int count = deferredCount(slot);
        Arrays.fill(deferred, DEFERRED * slot, DEFERRED * slot + count, null);
        words[2 * slot + 1] &= ~COUNT_BITS;
    }

    /** The latest id of {@code slot} (null: none yet), expired or not. */
    MessageId latestId(int slot) {
        return (MessageId) refs[2 * slot + 1];
    }

    /** Whether {@code h} is for the slot's topic and announces only its latest id, each time at a round too high to re-parent. */
    private boolean announcesLatestOnly(int slot, IHave h, long nowMillis) {
        Object topic = refs[2 * slot];
        if (h.topic() != topic && !h.topic().equals(topic)) {
            return false;
        }
        int upTo = optimisableUpTo(slot);
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
        return (int) (words[2 * slot + 1] >> UP_TO_SHIFT);
    }

    void setLatest(int slot, MessageId id, long expiresAtMillis, int optimisableUpTo) {
        refs[2 * slot + 1] = id;
        words[2 * slot] = expiresAtMillis;
        words[2 * slot + 1] = (long) optimisableUpTo << UP_TO_SHIFT | (words[2 * slot + 1] & LOW_BITS);
    }

    void setFlushPending(int slot, boolean pending) {
        words[2 * slot + 1] = words[2 * slot + 1] & ~1L | (pending ? 1 : 0);
    }
}
