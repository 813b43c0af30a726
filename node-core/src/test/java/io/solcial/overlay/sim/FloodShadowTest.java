package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloodShadowTest {

    /** An undirected graph on {@code n} nodes, all alive unless killed. */
    private static final class TestGraph implements FloodShadow.Graph {
        final List<List<Integer>> adjacency = new ArrayList<>();
        final List<PeerId> ids = new ArrayList<>();
        final BitSet dead = new BitSet();

        TestGraph(int n) {
            SplittableRandom keys = new SplittableRandom(n);
            for (int i = 0; i < n; i++) {
                adjacency.add(new ArrayList<>());
                byte[] key = new byte[32];
                keys.nextBytes(key);
                ids.add(Ed25519PublicKey.of(key).peerId());
            }
        }

        TestGraph link(int a, int b) {
            adjacency.get(a).add(b);
            adjacency.get(b).add(a);
            return this;
        }

        @Override
        public int size() {
            return adjacency.size();
        }

        @Override
        public boolean alive(int node) {
            return !dead.get(node);
        }

        @Override
        public int degree(int node) {
            return adjacency.get(node).size();
        }

        @Override
        public int neighbor(int node, int i) {
            return adjacency.get(node).get(i);
        }

        @Override
        public PeerId id(int node) {
            return ids.get(node);
        }
    }

    private static FloodShadow fixed(long millis) {
        return new FloodShadow(LatencyModel.fixed(millis), new SplittableRandom(1));
    }

    @Test
    void withEqualLatenciesTheFloodReachesInTheFewestHops() {
        TestGraph line = new TestGraph(6);
        for (int i = 0; i < 5; i++) {
            line.link(i, i + 1);
        }
        assertEquals(5, fixed(10).lastDeliveryHop(line, 0));
        assertEquals(3, fixed(10).lastDeliveryHop(line, 2));
        line.link(0, 5); // a ring now
        assertEquals(3, fixed(10).lastDeliveryHop(line, 0));
    }

    /** Latency per undirected link ("a-b" with a < b); links not listed take 50 ms. */
    private static FloodShadow perLink(TestGraph g, Map<String, Long> millis) {
        LatencyModel latency = (from, to, random) -> {
            int a = g.ids.indexOf(from);
            int b = g.ids.indexOf(to);
            return millis.getOrDefault(Math.min(a, b) + "-" + Math.max(a, b), 50L);
        };
        return new FloodShadow(latency, new SplittableRandom(1));
    }

    @Test
    void theFirstCopyFollowsTheFastestPathNotTheFewestHops() {
        // 0-1 is slow (100 ms); 0-2-3-1 is three fast hops (3 x 5 ms): node 1 is first reached in 3 hops
        TestGraph g = new TestGraph(4).link(0, 1).link(0, 2).link(2, 3).link(3, 1);
        assertEquals(3, perLink(g, Map.of("0-1", 100L, "0-2", 5L, "2-3", 5L, "1-3", 5L)).lastDeliveryHop(g, 0));
    }

    @Test
    void equalArrivalTimesCountTheShorterPath() {
        // 0-1 takes 15 ms in one hop; 0-2-1 takes 15 ms in two: the one-hop copy counts
        TestGraph g = new TestGraph(3).link(0, 1).link(0, 2).link(2, 1);
        assertEquals(1, perLink(g, Map.of("0-1", 15L, "0-2", 10L, "1-2", 5L)).lastDeliveryHop(g, 0));
    }

    @Test
    void deadNodesNeitherReceiveNorForward() {
        TestGraph g = new TestGraph(4).link(0, 1).link(1, 2).link(0, 3).link(3, 2);
        g.dead.set(1);
        assertEquals(2, fixed(10).lastDeliveryHop(g, 0)); // 2 only through 3
        g.dead.set(3);
        assertEquals(0, fixed(10).lastDeliveryHop(g, 0)); // nobody left to reach
    }

    @Test
    void underRandomLatenciesAFloodTakesMoreHopsThanTheBfsDepthAndRepeatsForASeed() {
        SplittableRandom build = new SplittableRandom(5);
        int n = 2_000;
        TestGraph g = new TestGraph(n);
        for (int i = 1; i < n; i++) { // a random connected graph of mean degree ~8
            g.link(i, build.nextInt(i));
            for (int e = 0; e < 3; e++) {
                int j = build.nextInt(n);
                if (j != i) {
                    g.link(i, j);
                }
            }
        }
        int equalLatencies = fixed(20).lastDeliveryHop(g, 0);
        FloodShadow uniform = new FloodShadow(LatencyModel.uniform(5, 50), new SplittableRandom(9));
        int sum = 0;
        for (int k = 0; k < 20; k++) {
            int ldh = uniform.lastDeliveryHop(g, 0);
            assertTrue(ldh >= equalLatencies, ldh + " < BFS depth " + equalLatencies);
            sum += ldh;
        }
        assertTrue(sum > 20 * equalLatencies, "varying latencies lengthen the flood's paths: mean " + sum / 20.0
                + " vs BFS depth " + equalLatencies);
        FloodShadow again = new FloodShadow(LatencyModel.uniform(5, 50), new SplittableRandom(9));
        FloodShadow same = new FloodShadow(LatencyModel.uniform(5, 50), new SplittableRandom(9));
        assertEquals(again.lastDeliveryHop(g, 7), same.lastDeliveryHop(g, 7));
    }
}
