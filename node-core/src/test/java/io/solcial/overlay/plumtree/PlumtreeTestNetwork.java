package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Bytes;
import io.solcial.overlay.Cancellable;
import io.solcial.overlay.OverlayEnvironment;
import io.solcial.overlay.Topic;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A small deterministic network of Plumtree nodes for tests: virtual clock, one event queue,
 * seeded latencies (uniform per message, or fixed per link), a static topology set by the test
 * (each link reported with neighborUp on both ends). Not the project's simulator: just enough to
 * check the protocol's properties.
 */
final class PlumtreeTestNetwork {
    static final Topic TOPIC = Topic.PUBLIC;

    private final SplittableRandom random;
    private final PlumtreeConfig config;
    private final int minLatencyMillis;
    private final int maxLatencyMillis;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<PeerId, Node> byId = new HashMap<>();
    private final Map<Long, Integer> linkLatency = new HashMap<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long now;
    private long seq;
    private long gossipTransmissions;
    private long messagesSent;

    PlumtreeTestNetwork(int size, long seed, int minLatencyMillis, int maxLatencyMillis, PlumtreeConfig config,
            PayloadValidator validator) {
        this.random = new SplittableRandom(seed);
        this.config = config;
        this.minLatencyMillis = minLatencyMillis;
        this.maxLatencyMillis = maxLatencyMillis;
        for (int i = 0; i < size; i++) {
            Node node = new Node(i, TestPeers.peer(random), random.split(), validator);
            nodes.add(node);
            byId.put(node.id, node);
        }
    }

    PlumtreeTestNetwork(int size, long seed) {
        this(size, seed, 5, 50, PlumtreeConfig.defaults(), PayloadValidator.acceptAll());
    }

    final class Node implements OverlayEnvironment<PlumtreeMessage>, PlumtreeListener {
        final int index;
        final PeerId id;
        final Plumtree plumtree;
        final Set<Node> neighbors = new LinkedHashSet<>();
        final Map<MessageId, List<Delivery>> deliveries = new HashMap<>();
        final List<Misbehaviour> misbehaviours = new ArrayList<>();
        private final SplittableRandom nodeRandom;
        boolean alive = true;

        Node(int index, PeerId id, SplittableRandom nodeRandom, PayloadValidator validator) {
            this.index = index;
            this.id = id;
            this.nodeRandom = nodeRandom;
            this.plumtree = new Plumtree(id, TOPIC, config, this, validator, this);
        }

        @Override
        public void send(PeerId peer, PlumtreeMessage message) {
            Node to = byId.get(peer);
            if (!alive || to == null || !neighbors.contains(to)) {
                return;
            }
            messagesSent++;
            if (message instanceof PlumtreeMessage.Gossip) {
                gossipTransmissions++;
            }
            Integer fixed = linkLatency.get(linkKey(this, to));
            long latency = fixed != null ? fixed : random.nextInt(minLatencyMillis, maxLatencyMillis + 1);
            at(now + latency, () -> {
                if (to.alive && neighbors.contains(to)) {
                    to.plumtree.receive(id, message);
                }
            });
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            Event e = at(now + delay.toMillis(), () -> {
                if (alive) {
                    task.run();
                }
            });
            return () -> e.cancelled = true;
        }

        @Override
        public void execute(Runnable task) {
            schedule(Duration.ZERO, task);
        }

        @Override
        public long nowMillis() {
            return now;
        }

        @Override
        public RandomGenerator random() {
            return nodeRandom;
        }

        @Override
        public void deliver(Delivery delivery) {
            deliveries.computeIfAbsent(delivery.id(), k -> new ArrayList<>()).add(delivery);
        }

        @Override
        public void misbehaved(Misbehaviour misbehaviour) {
            misbehaviours.add(misbehaviour);
        }

        @Override
        public String toString() {
            return "node" + index;
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    Node node(int i) {
        return nodes.get(i);
    }

    List<Node> alive() {
        return nodes.stream().filter(n -> n.alive).toList();
    }

    long now() {
        return now;
    }

    /** GOSSIP messages put on the wire since the last reset. */
    long gossipTransmissions() {
        return gossipTransmissions;
    }

    long messagesSent() {
        return messagesSent;
    }

    void resetCounters() {
        gossipTransmissions = 0;
        messagesSent = 0;
    }

    void connect(int a, int b) {
        Node na = nodes.get(a);
        Node nb = nodes.get(b);
        if (a == b || na.neighbors.contains(nb)) {
            throw new IllegalArgumentException("bad link " + a + "-" + b);
        }
        na.neighbors.add(nb);
        nb.neighbors.add(na);
        na.plumtree.neighborUp(nb.id);
        nb.plumtree.neighborUp(na.id);
    }

    void connect(int a, int b, int latencyMillis) {
        connect(a, b);
        linkLatency.put(linkKey(nodes.get(a), nodes.get(b)), latencyMillis);
    }

    void disconnect(int a, int b) {
        Node na = nodes.get(a);
        Node nb = nodes.get(b);
        na.neighbors.remove(nb);
        nb.neighbors.remove(na);
        na.plumtree.neighborDown(nb.id);
        nb.plumtree.neighborDown(na.id);
    }

    /** Crashes node {@code i}: its links go down on both ends (as HyParView would report). */
    void kill(int i) {
        Node n = nodes.get(i);
        for (Node peer : List.copyOf(n.neighbors)) {
            disconnect(i, peer.index);
        }
        n.plumtree.stop();
        n.alive = false;
    }

    /** Builds a connected random {@code degree}-regular graph over all nodes. */
    void randomRegular(int degree) {
        int n = nodes.size();
        for (int attempt = 0; attempt < 1000; attempt++) {
            List<int[]> edges = tryRegular(n, degree);
            if (edges != null && connected(n, edges)) {
                edges.forEach(e -> connect(e[0], e[1]));
                return;
            }
        }
        throw new IllegalStateException("no connected " + degree + "-regular graph found");
    }

    private List<int[]> tryRegular(int n, int degree) {
        List<Integer> stubs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < degree; k++) {
                stubs.add(i);
            }
        }
        List<Set<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new LinkedHashSet<>());
        }
        List<int[]> edges = new ArrayList<>();
        while (!stubs.isEmpty()) {
            int u = stubs.remove(stubs.size() - 1);
            int pick = -1;
            for (int tries = 0; tries < 50 && !stubs.isEmpty(); tries++) {
                int j = random.nextInt(stubs.size());
                int v = stubs.get(j);
                if (v != u && !adj.get(u).contains(v)) {
                    pick = j;
                    break;
                }
            }
            if (pick < 0) {
                return null;
            }
            int v = stubs.remove(pick);
            adj.get(u).add(v);
            adj.get(v).add(u);
            edges.add(new int[] {u, v});
        }
        return edges;
    }

    private static boolean connected(int n, List<int[]> edges) {
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        edges.forEach(e -> {
            adj.get(e[0]).add(e[1]);
            adj.get(e[1]).add(e[0]);
        });
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(0));
        seen[0] = true;
        int count = 1;
        while (!todo.isEmpty()) {
            for (int v : adj.get(todo.poll())) {
                if (!seen[v]) {
                    seen[v] = true;
                    count++;
                    todo.add(v);
                }
            }
        }
        return count == n;
    }

    /** Hop distance from {@code source} to the farthest live node over live links: flooding's LDH. */
    int eccentricity(Node source) {
        Map<Node, Integer> dist = new HashMap<>(Map.of(source, 0));
        ArrayDeque<Node> todo = new ArrayDeque<>(List.of(source));
        int max = 0;
        while (!todo.isEmpty()) {
            Node u = todo.poll();
            for (Node v : u.neighbors) {
                if (!dist.containsKey(v)) {
                    dist.put(v, dist.get(u) + 1);
                    max = Math.max(max, dist.get(v));
                    todo.add(v);
                }
            }
        }
        return max;
    }

    /** Undirected links that both ends hold eager. */
    int eagerLinks() {
        int both = 0;
        for (Node n : alive()) {
            for (PeerId p : n.plumtree.eagerPeers()) {
                Node m = byId.get(p);
                if (n.index < m.index && m.plumtree.eagerPeers().contains(n.id)) {
                    both++;
                }
            }
        }
        return both;
    }

    /** Broadcasts {@code payload} from node {@code source} and runs until nothing is left to do. */
    MessageId broadcast(int source, Bytes payload) {
        MessageId id = nodes.get(source).plumtree.broadcast(payload);
        runUntilIdle();
        return id;
    }

    MessageId broadcast(int source, String text) {
        return broadcast(source, Bytes.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    void runUntilIdle() {
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            now = e.at;
            if (!e.cancelled) {
                e.task.run();
            }
        }
    }

    void runFor(Duration d) {
        long until = now + d.toMillis();
        while (!queue.isEmpty() && queue.peek().at <= until) {
            Event e = queue.poll();
            now = e.at;
            if (!e.cancelled) {
                e.task.run();
            }
        }
        now = until;
    }

    /** Live nodes that got {@code id} exactly once, and whether any got it more than once. */
    int deliveredExactlyOnce(MessageId id) {
        int count = 0;
        for (Node n : alive()) {
            List<Delivery> d = n.deliveries.getOrDefault(id, List.of());
            if (d.size() > 1) {
                throw new AssertionError(n + " got " + id + " " + d.size() + " times");
            }
            count += d.size();
        }
        return count;
    }

    /** The largest hop count with which a live node received {@code id}. */
    int lastDeliveryHop(MessageId id) {
        return alive().stream()
                .flatMap(n -> n.deliveries.getOrDefault(id, List.of()).stream())
                .mapToInt(Delivery::hops)
                .max()
                .orElse(0);
    }

    private Event at(long time, Runnable task) {
        Event e = new Event(time, seq++, task);
        queue.add(e);
        return e;
    }

    private static long linkKey(Node a, Node b) {
        int lo = Math.min(a.index, b.index);
        int hi = Math.max(a.index, b.index);
        return ((long) lo << 32) | hi;
    }

    private static final class Event implements Comparable<Event> {
        final long at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Event(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Event o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }
}
