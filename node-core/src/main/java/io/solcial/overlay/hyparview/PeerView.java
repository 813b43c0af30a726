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
        List<PeerId> candidates = new ArrayList<>();
        for (PeerId p : peers) {
            if (allowed.test(p)) {
                candidates.add(p);
            }
        }
        return pick(random, count, candidates);
    }

    /**
     * Up to {@code count} distinct random peers other than {@code excluded}: the same as {@link
     * #sample(RandomGenerator, int, Predicate)} with a predicate that refuses it, reading the peers'
     * hash codes instead of every peer (a shuffle samples the whole passive view).
     */
    List<PeerId> sample(RandomGenerator random, int count, PeerId excluded) {
        int h = excluded.hashCode();
        int[] hs = hashes;
        List<PeerId> candidates = new ArrayList<>(peers.size());
        for (int i = 0, n = peers.size(); i < n; i++) {
            PeerId p = peers.get(i);
            if (hs[i] != h || !excluded.equals(p)) {
                candidates.add(p);
            }
        }
        return pick(random, count, candidates);
    }

    private static List<PeerId> pick(RandomGenerator random, int count, List<PeerId> candidates) {
        for (int i = 0; i < Math.min(count, candidates.size()); i++) {
            Collections.swap(candidates, i, i + random.nextInt(candidates.size() - i));
        }
        return List.copyOf(candidates.subList(0, Math.min(count, candidates.size())));
    }

    List<PeerId> list() {
        return List.copyOf(peers);
    }

    Set<PeerId> snapshot() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(peers));
    }
}
