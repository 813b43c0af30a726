package io.solcial.overlay.hyparview;

import io.solcial.identity.PeerId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A set of peers with O(1) add, uniform random pick and a deterministic order. Views are small (tens
 * of peers), so membership is a scan of the peers' hash codes in one int array — a few cache lines,
 * checked for every peer of every shuffle — rather than a hash map's buckets and nodes.
 */
final class PeerView {
    private static final ThreadLocal<PeerId[]> SCRATCH = ThreadLocal.withInitial(() -> new PeerId[64]);

    private final List<PeerId> peers = new ArrayList<>();
    /** The hash code of each peer, in the same order. */
    private int[] hashes = new int[8];

    int size() {
        return peers.size();
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }

    boolean contains(PeerId peer) {
        return indexOf(peer) >= 0;
    }

    boolean add(PeerId peer) {
        if (contains(peer)) {
            return false;
        }
        int n = peers.size();
        if (n == hashes.length) {
            hashes = Arrays.copyOf(hashes, 2 * n);
        }
        hashes[n] = peer.hashCode();
        peers.add(peer);
        return true;
    }

    /** Removes {@code peer}; the last peer takes its place. */
    boolean remove(PeerId peer) {
        int i = indexOf(peer);
        if (i < 0) {
            return false;
        }
        int last = peers.size() - 1;
        PeerId moved = peers.remove(last);
        if (i < last) {
            peers.set(i, moved);
            hashes[i] = hashes[last];
        }
        return true;
    }

    private int indexOf(PeerId peer) {
        int h = peer.hashCode();
        int[] hs = hashes;
        for (int i = 0, n = peers.size(); i < n; i++) {
            if (hs[i] == h && peer.equals(peers.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A uniformly random peer among those {@code allowed} accepts, if any. */
    Optional<PeerId> random(RandomGenerator random, Predicate<PeerId> allowed) {
        int n = peers.size();
        if (n == 0) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < 4; attempt++) {
            PeerId p = peers.get(random.nextInt(n));
            if (allowed.test(p)) {
                return Optional.of(p);
            }
        }
        List<PeerId> one = sample(random, 1, allowed);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /** Up to {@code count} distinct random peers that {@code allowed} accepts. */
    List<PeerId> sample(RandomGenerator random, int count, Predicate<PeerId> allowed) {
        // not the shared scratch array: the predicate is the caller's code and might sample too
        PeerId[] candidates = new PeerId[peers.size()];
        int m = 0;
        for (PeerId p : peers) {
            if (allowed.test(p)) {
                candidates[m++] = p;
            }
        }
        return pick(random, count, candidates, m);
    }

    /**
     * Up to {@code count} distinct random peers other than {@code excluded}: the same as {@link
     * #sample(RandomGenerator, int, Predicate)} with a predicate that refuses it, reading the peers'
     * hash codes instead of every peer (a shuffle samples the whole passive view).
     */
    List<PeerId> sample(RandomGenerator random, int count, PeerId excluded) {
        int h = excluded.hashCode();
        int[] hs = hashes;
        int n = peers.size();
        PeerId[] candidates = scratch(n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            PeerId p = peers.get(i);
            if (hs[i] != h || !excluded.equals(p)) {
                candidates[m++] = p;
            }
        }
        return pick(random, count, candidates, m);
    }

    /**
     * The first {@code count} (at most) of {@code candidates[0, m)} after as many steps of a
     * Fisher-Yates shuffle; leaves the array cleared (it may be the shared scratch array).
     */
    private static List<PeerId> pick(RandomGenerator random, int count, PeerId[] candidates, int m) {
        int k = Math.min(count, m);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(m - i);
            PeerId swapped = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = swapped;
        }
        List<PeerId> picked = List.of(Arrays.copyOf(candidates, k));
        Arrays.fill(candidates, 0, m, null);
        return picked;
    }

    /**
     * A scratch array of at least {@code n} nulls for the candidates of a sample, one per thread: a
     * shuffle samples the whole passive view, and copying it into a new list each time was a tenth
     * of all the bytes a simulation allocates.
     */
    private static PeerId[] scratch(int n) {
        PeerId[] s = SCRATCH.get();
        if (s.length < n) {
            s = new PeerId[Math.max(n, 2 * s.length)];
            SCRATCH.set(s);
        }
        return s;
    }

    List<PeerId> list() {
        return List.copyOf(peers);
    }

    Set<PeerId> snapshot() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(peers));
    }
}
