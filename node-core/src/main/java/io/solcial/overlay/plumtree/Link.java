package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import io.solcial.overlay.plumtree.PlumtreeMessage.Announcement;
import java.util.Arrays;
import java.util.List;

/**
 * One Plumtree neighbour: eager (full messages) or lazy (IHAVEs), and the ids waiting for its next
 * IHAVE, in a buffer kept across batches (a batch every IHAVE interval per lazy link adds up).
 */
final class Link {
    private static final Announcement[] NONE = new Announcement[0];

    final PeerId peer;
    boolean eager = true;
    boolean gone;
    /**
     * The ids waiting: the first in a field (at one broadcast per IHAVE interval there is rarely a
     * second, and this object is read anyway), the others in {@code more}.
     */
    private Announcement first;
    private Announcement[] more = NONE;
    private int queuedCount;

    Link(PeerId peer) {
        this.peer = peer;
    }

    /** Queues {@code a} for the next IHAVE unless {@code max} ids wait already; true when queued. */
    boolean queue(Announcement a, int max) {
        if (queuedCount >= max) {
            return false;
        }
        if (queuedCount == 0) {
            first = a;
        } else {
            if (queuedCount - 1 == more.length) {
                more = Arrays.copyOf(more, Math.max(2, Math.min(max, 2 * more.length)));
            }
            more[queuedCount - 1] = a;
        }
        queuedCount++;
        return true;
    }

    /** Drops {@code id} from the next IHAVE: the peer announced it, so it has it. */
    void unqueue(MessageId id) {
        int kept = 0;
        for (int i = 0; i < queuedCount; i++) {
            Announcement a = queued(i);
            if (a.id() != id && !a.id().equals(id)) {
                set(kept++, a);
            }
        }
        for (int i = kept; i < queuedCount; i++) {
            set(i, null);
        }
        queuedCount = kept;
    }

    int queuedCount() {
        return queuedCount;
    }

    /** Whether the ids waiting are exactly {@code ids}, the same objects in the same order. */
    boolean queuedAre(List<Announcement> ids) {
        if (ids.size() != queuedCount) {
            return false;
        }
        for (int i = 0; i < queuedCount; i++) {
            if (ids.get(i) != queued(i)) {
                return false;
            }
        }
        return true;
    }

    /** The ids waiting, in queueing order, as an immutable list; the queue is left empty. */
    List<Announcement> takeQueued() {
        Announcement[] ids = new Announcement[queuedCount];
        for (int i = 0; i < queuedCount; i++) {
            ids[i] = queued(i);
        }
        clearQueue();
        return List.of(ids);
    }

    void clearQueue() {
        first = null;
        if (queuedCount > 1) {
            Arrays.fill(more, 0, queuedCount - 1, null);
        }
        queuedCount = 0;
    }

    private Announcement queued(int i) {
        return i == 0 ? first : more[i - 1];
    }

    private void set(int i, Announcement a) {
        if (i == 0) {
            first = a;
        } else {
            more[i - 1] = a;
        }
    }
}
