package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * What flooding would do with one broadcast on the current graph, under the simulator's latency
 * model: every node forwards its first copy to all its neighbours, each copy takes its own random
 * one-way latency, and a node's hop count is that of the copy that reaches it first. Computed on
 * the side (Dijkstra over per-message random edge latencies, drawn from a random of its own), so
 * the simulation proper is not disturbed; per-link FIFO queueing is left out.
 *
 * <p>This is the baseline for Plumtree's last delivery hop: under varying latencies the first copy
 * follows the fastest path, not the fewest hops, so a real flood's LDH lies above the BFS depth
 * (the fewest hops), which no protocol forwarding first copies reaches.
 *
 * <p>Not thread-safe; scratch arrays are reused between calls.
 */
final class FloodShadow {
    /** The graph as the flood sees it. */
    interface Graph {
        int size();

        boolean alive(int node);

        int degree(int node);

        int neighbor(int node, int i);

        PeerId id(int node);
    }

    private static final int NODE_BITS = 21;
    private static final int HOP_BITS = 12;
    private static final long NODE_MASK = (1L << NODE_BITS) - 1;
    private static final long HOP_MASK = (1L << HOP_BITS) - 1;
    /** Arrival times must stay below this (2^30 ms, 12 days of virtual time per broadcast). */
    private static final long MAX_TIME = (1L << (63 - NODE_BITS - HOP_BITS)) - 1;
    static final int MAX_NODES = 1 << NODE_BITS;

    private final LatencyModel latency;
    private final RandomGenerator random;
    /** Whether latencies need the peers' ids (reading them per edge costs a cache miss each). */
    private final boolean byPeer;
    /** Tentative arrivals as packed (time, hops, node) keys, which Dijkstra pops in ascending order. */
    private final RadixHeap queue = new RadixHeap();
    private long[] arrival = new long[0];
    private int[] hops = new int[0];
    private boolean[] settled = new boolean[0];

    FloodShadow(LatencyModel latency, RandomGenerator random) {
        this.latency = latency;
        this.random = random;
        this.byPeer = latency.dependsOnPeers();
    }

    /**
     * The largest hop count at which a flood from {@code source} first reaches a live node
     * (0 when the source reaches nobody).
     */
    int lastDeliveryHop(Graph g, int source) {
        int n = g.size();
        if (n > MAX_NODES) {
            throw new IllegalArgumentException("at most " + MAX_NODES + " nodes");
        }
        if (arrival.length < n) {
            arrival = new long[n];
            hops = new int[n];
            settled = new boolean[n];
        }
        Arrays.fill(arrival, 0, n, Long.MAX_VALUE);
        Arrays.fill(settled, 0, n, false);
        queue.clear();
        arrival[source] = 0;
        hops[source] = 0;
        queue.push(pack(0, 0, source));
        int ldh = 0;
        while (!queue.isEmpty()) {
            long top = queue.pop();
            int u = (int) (top & NODE_MASK);
            if (settled[u]) {
                continue;
            }
            settled[u] = true;
            int hu = hops[u];
            ldh = Math.max(ldh, hu);
            long tu = arrival[u];
            PeerId from = byPeer ? g.id(u) : null;
            for (int i = 0, d = g.degree(u); i < d; i++) {
                int v = g.neighbor(u, i);
                if (settled[v] || !g.alive(v)) {
                    continue;
                }
                long t = tu + latency.latencyMillis(from, byPeer ? g.id(v) : null, random);
                // equal arrival times: the copy with fewer hops wins (flooding's best case)
                if (t < arrival[v] || (t == arrival[v] && hu + 1 < hops[v])) {
                    arrival[v] = t;
                    hops[v] = hu + 1;
                    queue.push(pack(t, hu + 1, v));
                }
            }
        }
        return ldh;
    }

    private static long pack(long time, int hop, int node) {
        if (time > MAX_TIME || hop > HOP_MASK) {
            throw new IllegalStateException("flood beyond the shadow's range: " + time + " ms, " + hop + " hops");
        }
        return time << (NODE_BITS + HOP_BITS) | (long) hop << NODE_BITS | node;
    }
}
