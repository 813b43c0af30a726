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
    private Announcement[] queued = NONE;
    private int queuedCount;

    Link(PeerId peer) {
        this.peer = peer;
    }

    /** Queues {@code a} for the next IHAVE unless {@code max} ids wait already; true when queued. */
    boolean queue(Announcement a, int max) {
        if (queuedCount >= max) {
            return false;
        }
        if (queuedCount == queued.length) {
            queued = Arrays.copyOf(queued, Math.max(2, Math.min(max, 2 * queuedCount)));
        }
        queued[queuedCount++] = a;
        return true;
    }

    /** Drops {@code id} from the next IHAVE: the peer announced it, so it has it. */
    void unqueue(MessageId id) {
        int kept = 0;
        for (int i = 0; i < queuedCount; i++) {
            Announcement a = queued[i];
            if (!a.id().equals(id)) {
                queued[kept++] = a;
            }
        }
        Arrays.fill(queued, kept, queuedCount, null);
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
            if (ids.get(i) != queued[i]) {
                return false;
            }
        }
        return true;
    }

    /** The ids waiting, in queueing order, as an immutable list; the queue is left empty. */
    List<Announcement> takeQueued() {
        List<Announcement> ids = List.of(Arrays.copyOf(queued, queuedCount));
        clearQueue();
        return ids;
    }

    void clearQueue() {
        Arrays.fill(queued, 0, queuedCount, null);
        queuedCount = 0;
    }
}
