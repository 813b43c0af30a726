package io.solcial.overlay.hyparview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeerViewTest {

    private static PeerId peer(int n) {
        byte[] key = new byte[32];
        new SplittableRandom(0xBEEF_0000L + n).nextBytes(key);
        return Ed25519PublicKey.of(key).peerId();
    }

    private static PeerView viewOf(List<PeerId> peers) {
        PeerView view = new PeerView();
        peers.forEach(view::add);
        return view;
    }

    private static List<PeerId> peers(int count) {
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add(peer(i));
        }
        return peers;
    }

    /** The sample as specified: the first {@code count} after as many Fisher-Yates steps over the candidates in view order. */
    private static List<PeerId> reference(List<PeerId> candidates, int count, SplittableRandom random) {
        List<PeerId> c = new ArrayList<>(candidates);
        int k = Math.min(count, c.size());
        for (int i = 0; i < k; i++) {
            Collections.swap(c, i, i + random.nextInt(c.size() - i));
        }
        return List.copyOf(c.subList(0, k));
    }

    @Test
    void sampleWithoutAPeerIsAPartialFisherYatesOverTheOthers() {
        for (int size : new int[] {0, 1, 2, 9, 90, 200}) {
            List<PeerId> all = peers(size);
            PeerView view = viewOf(all);
            for (int seed = 0; seed < 20; seed++) {
                PeerId excluded = size == 0 ? peer(999) : all.get(seed % size);
                List<PeerId> others = new ArrayList<>(all);
                others.remove(excluded);
                for (int count : new int[] {0, 1, 4, 8, 300}) {
                    List<PeerId> expected = reference(others, count, new SplittableRandom(seed));
                    assertEquals(expected, view.sample(new SplittableRandom(seed), count, excluded),
                            "size " + size + " seed " + seed + " count " + count);
                }
            }
        }
    }

    @Test
    void sampleWithAPredicateKeepsOnlyAcceptedPeers() {
        List<PeerId> all = peers(30);
        PeerView view = viewOf(all);
        Set<PeerId> accepted = new HashSet<>(all.subList(10, 20));
        List<PeerId> candidates = all.subList(10, 20);
        for (int seed = 0; seed < 20; seed++) {
            List<PeerId> sample = view.sample(new SplittableRandom(seed), 4, accepted::contains);
            assertEquals(reference(candidates, 4, new SplittableRandom(seed)), sample);
        }
        assertEquals(10, view.sample(new SplittableRandom(1), 50, accepted::contains).size());
        assertTrue(view.sample(new SplittableRandom(1), 5, p -> false).isEmpty());
    }

    @Test
    void samplesAreDistinctImmutableAndIndependentOfEachOther() {
        List<PeerId> all = peers(90);
        PeerView view = viewOf(all);
        PeerView small = viewOf(peers(3));
        SplittableRandom random = new SplittableRandom(7);
        Set<PeerId> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            List<PeerId> first = view.sample(random, 8, all.get(0));
            List<PeerId> copy = List.copyOf(first);
            // another view's sample (the same thread's scratch array) must not change the first
            small.sample(random, 3, all.get(0));
            assertEquals(copy, first);
            assertEquals(8, new HashSet<>(first).size());
            assertFalse(first.contains(all.get(0)));
            assertTrue(all.containsAll(first));
            seen.addAll(first);
        }
        assertEquals(89, seen.size(), "every peer but the excluded one comes up");
        assertThrows(UnsupportedOperationException.class, () -> view.sample(random, 2, all.get(0)).add(all.get(1)));
    }

    @Test
    void aPredicateMaySampleAnotherView() {
        List<PeerId> all = peers(20);
        PeerView view = viewOf(all);
        PeerView other = viewOf(peers(40));
        List<PeerId> sample = view.sample(new SplittableRandom(3), 5, p -> {
            other.sample(new SplittableRandom(p.hashCode()), 8, all.get(0));
            return true;
        });
        assertEquals(reference(all, 5, new SplittableRandom(3)), sample);
    }
}
