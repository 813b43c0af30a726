package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import io.solcial.overlay.plumtree.PlumtreeMessage.Announcement;
import java.util.Arrays;
import java.util.List;

/**
 * Plumtree's neighbours in the order they came up, each eager (full messages) or lazy (IHAVEs) with
 * the ids waiting for its next IHAVE, kept as parallel arrays indexed by neighbour: the loops that
 * run on every message (push to every neighbour, flush the IHAVEs, find the sender) read a few
 * small arrays instead of one object per neighbour.
 *
 * <p>A lookup scans the peer ids for the very object (a transport that keeps one id object per
 * peer, as the simulator does, is served without reading any id), then their hash codes. Adding or
 * removing a neighbour replaces the arrays and bumps {@link #version()}, so an index stays valid
 * while the version does: a loop that sends (which may drop a neighbour on the spot) checks it.
 * Not thread-safe.
 */
final class Neighbors {
    private static final PeerId[] NO_PEERS = new PeerId[0];
    private static final Announcement[] NONE = new Announcement[0];

    private PeerId[] peers = NO_PEERS;
    private int[] hashes = new int[0];
    private boolean[] eager = new boolean[0];
    /** Ids waiting per neighbour: the first in {@code first} (at one broadcast per IHAVE interval there is rarely a second), the others in {@code more}. */
    private int[] queued = new int[0];
    /** When the peer last grafted the link (Long.MIN_VALUE / 2: never), see Plumtree#graftedLately. */
    private long[] graftedAt = new long[0];
    private Announcement[] first = new Announcement[0];
    private Announcement[][] more = new Announcement[0][];
    private int version;

    int size() {
        return peers.length;
    }

    /** Changes whenever a neighbour is added or removed (and indices may shift). */
    int version() {
        return version;
    }

    /** The neighbours in index order; the array is never changed afterwards. */
    PeerId[] peers() {
        return peers;
    }

    /** The index of {@code peer}, or -1 when it is not a neighbour. */
    int indexOf(PeerId peer) {
        PeerId[] ps = peers;
        for (int i = 0; i < ps.length; i++) {
            if (ps[i] == peer) {
                return i;
            }
        }
        int h = peer.hashCode();
        int[] hs = hashes;
        for (int i = 0; i < hs.length; i++) {
            if (hs[i] == h && peer.equals(ps[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the {@code i}-th peer of {@code snapshot} (an earlier {@link #peers()}, taken at {@code
     * version}) is now: {@code i} while no neighbour came or went, else looked up (-1: gone). For
     * loops that send while they walk the neighbours.
     */
    int indexNow(PeerId[] snapshot, int i, int version) {
        return this.version == version ? i : indexOf(snapshot[i]);
    }

    PeerId peer(int i) {
        return peers[i];
    }

    boolean isEager(int i) {
        return eager[i];
    }

    long graftedAt(int i) {
        return graftedAt[i];
    }

    void setGraftedAt(int i, long millis) {
        graftedAt[i] = millis;
    }

    void setEager(int i, boolean value) {
        eager[i] = value;
    }

    /** Adds {@code peer} as an eager neighbour unless it is one; false when it was. */
    boolean add(PeerId peer) {
        if (indexOf(peer) >= 0) {
            return false;
        }
        int n = peers.length;
        peers = Arrays.copyOf(peers, n + 1);
        hashes = Arrays.copyOf(hashes, n + 1);
        eager = Arrays.copyOf(eager, n + 1);
        queued = Arrays.copyOf(queued, n + 1);
        graftedAt = Arrays.copyOf(graftedAt, n + 1);
        graftedAt[n] = Long.MIN_VALUE / 2;
        first = Arrays.copyOf(first, n + 1);
        more = Arrays.copyOf(more, n + 1);
        peers[n] = peer;
        hashes[n] = peer.hashCode();
        eager[n] = true;
        more[n] = NONE;
        version++;
        return true;
    }

    /** Removes {@code peer} with its queued ids; false when it was not a neighbour. */
    boolean remove(PeerId peer) {
        int r = indexOf(peer);
        if (r < 0) {
            return false;
        }
        int n = peers.length;
        peers = without(peers, new PeerId[n - 1], r, n);
        hashes = without(hashes, new int[n - 1], r, n);
        eager = without(eager, new boolean[n - 1], r, n);
        queued = without(queued, new int[n - 1], r, n);
        graftedAt = without(graftedAt, new long[n - 1], r, n);
        first = without(first, new Announcement[n - 1], r, n);
        more = without(more, new Announcement[n - 1][], r, n);
        version++;
        return true;
    }

    /** {@code to} filled with {@code from}'s {@code n} elements but the one at {@code r}. */
    private static <A> A without(A from, A to, int r, int n) {
        System.arraycopy(from, 0, to, 0, r);
        System.arraycopy(from, r + 1, to, r, n - r - 1);
        return to;
    }

    /** Queues {@code a} for neighbour {@code i}'s next IHAVE unless {@code max} ids wait already; true when queued. */
    boolean queue(int i, Announcement a, int max) {
        int count = queued[i];
        if (count >= max) {
            return false;
        }
        if (count == 0) {
            first[i] = a;
        } else {
            Announcement[] m = more[i];
            if (count - 1 == m.length) {
                m = Arrays.copyOf(m, Math.max(2, Math.min(max, 2 * m.length)));
                more[i] = m;
            }
            m[count - 1] = a;
        }
        queued[i] = count + 1;
        return true;
    }

    /** Drops {@code id} from neighbour {@code i}'s next IHAVE: it announced the id, so it has it. */
    void unqueue(int i, MessageId id) {
        int count = queued[i];
        if (count == 0) {
            return;
        }
        if (count == 1) {
            Announcement a = first[i];
            if (a.id() == id || a.id().equals(id)) {
                first[i] = null;
                queued[i] = 0;
            }
            return;
        }
        int kept = 0;
        for (int k = 0; k < count; k++) {
            Announcement a = queued(i, k);
            if (a.id() != id && !a.id().equals(id)) {
                set(i, kept++, a);
            }
        }
        for (int k = kept; k < count; k++) {
            set(i, k, null);
        }
        queued[i] = kept;
    }

    int queuedCount(int i) {
        return queued[i];
    }

    /** Whether neighbour {@code i}'s waiting ids are exactly {@code ids}, the same objects in the same order. */
    boolean queuedAre(int i, List<Announcement> ids) {
        int count = queued[i];
        if (ids.size() != count) {
            return false;
        }
        for (int k = 0; k < count; k++) {
            if (ids.get(k) != queued(i, k)) {
                return false;
            }
        }
        return true;
    }

    /** Neighbour {@code i}'s waiting ids in queueing order, as an immutable list; its queue is left empty. */
    List<Announcement> takeQueued(int i) {
        int count = queued[i];
        if (count == 1) {
            Announcement a = first[i];
            clearQueue(i);
            return List.of(a);
        }
        Announcement[] ids = new Announcement[count];
        for (int k = 0; k < count; k++) {
            ids[k] = queued(i, k);
        }
        clearQueue(i);
        return List.of(ids);
    }

    void clearQueue(int i) {
        int count = queued[i];
        first[i] = null;
        if (count > 1) {
            Arrays.fill(more[i], 0, count - 1, null);
        }
        queued[i] = 0;
    }

    void clearQueues() {
        for (int i = 0; i < peers.length; i++) {
            clearQueue(i);
        }
    }

    private Announcement queued(int i, int k) {
        return k == 0 ? first[i] : more[i][k - 1];
    }

    private void set(int i, int k, Announcement a) {
        if (k == 0) {
            first[i] = a;
        } else {
            more[i][k - 1] = a;
        }
    }
}
