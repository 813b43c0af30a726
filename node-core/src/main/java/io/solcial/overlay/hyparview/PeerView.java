package io.solcial.overlay.hyparview;

import io.solcial.identity.PeerId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** A set of peers with O(1) add, remove, contains and uniform random pick, in a deterministic order. */
final class PeerView {
    private final List<PeerId> peers = new ArrayList<>();
    private final Map<PeerId, Integer> index = new HashMap<>();

    int size() {
        return peers.size();
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }

    boolean contains(PeerId peer) {
        return index.containsKey(peer);
    }

    boolean add(PeerId peer) {
        if (index.containsKey(peer)) {
            return false;
        }
        index.put(peer, peers.size());
        peers.add(peer);
        return true;
    }

    boolean remove(PeerId peer) {
        Integer i = index.remove(peer);
        if (i == null) {
            return false;
        }
        PeerId last = peers.remove(peers.size() - 1);
        if (i < peers.size()) {
            peers.set(i, last);
            index.put(last, i);
        }
        return true;
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
