package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Bytes;
import io.solcial.overlay.Cancellable;
import io.solcial.overlay.OverlayEnvironment;
import io.solcial.overlay.Topic;
import io.solcial.overlay.sim.LatencyModel;
import io.solcial.overlay.sim.LinkLatencies;
import io.solcial.overlay.sim.SimHost;
import io.solcial.overlay.sim.SimulatedNetwork;
import io.solcial.overlay.sim.SimulatedNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Plumtree nodes on a {@link SimulatedNetwork} over a static topology set by the test: each link is
 * reported with neighborUp on both ends (no HyParView), a message on a link that is gone is
 * dropped, and links may have fixed latencies ({@link LinkLatencies}). The network does the rest
 * (virtual time, latency, FIFO links, seeded randomness).
 */
final class PlumtreeCluster {
    static final Topic TOPIC = Topic.PUBLIC;
    private static final long MAX_EVENTS = 50_000_000;

    private final SplittableRandom random;
    private final PlumtreeConfig config;
    private final LinkLatencies latency;
    private final SimulatedNetwork network;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<PeerId, Node> byId = new HashMap<>();
    private long gossipTransmissions;
    private long messagesSent;

    /** {@code size} nodes; latencies from {@code latency} unless a link has its own. */
    PlumtreeCluster(int size, long seed, LatencyModel latency, PlumtreeConfig config, PayloadValidator validator) {
        this.random = new SplittableRandom(seed);
        this.config = config;
        this.latency = new LinkLatencies(latency);
        this.network = new SimulatedNetwork(seed, this.latency, Duration.ofSeconds(1));
        for (int i = 0; i < size; i++) {
            Node node = new Node(i, network.addHost(TestPeers.peer(random)), validator);
            nodes.add(node);
            byId.put(node.id, node);
        }
    }

    /** 5–50 ms per message, default configuration, every payload valid. */
    PlumtreeCluster(int size, long seed) {
        this(size, seed, LatencyModel.uniform(5, 50), PlumtreeConfig.defaults(), PayloadValidator.acceptAll());
    }

    final class Node implements SimulatedNode, PlumtreeListener {
        final int index;
        final PeerId id;
        final Plumtree plumtree;
        final Set<Node> neighbors = new LinkedHashSet<>();
        final Map<MessageId, List<Delivery>> deliveries = new HashMap<>();
        final List<Misbehaviour> misbehaviours = new ArrayList<>();
        private final SimHost host;

        Node(int index, SimHost host, PayloadValidator validator) {
            this.index = index;
            this.id = host.id();
            this.host = host;
            this.plumtree = new Plumtree(id, TOPIC, config, new LinkedOnly(this, host.environment()), validator, this);
            host.attach(this);
        }

        boolean alive() {
            return host.isAlive();
        }

        @Override
        public void receive(PeerId from, Object message) {
            if (neighbors.contains(byId.get(from))) {
                plumtree.receive(from, (PlumtreeMessage) message);
            }
        }

        @Override
        public void linkDown(PeerId peer) {
            // static topology: links change only when the test says so (kill reports them at once)
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

    /** A node's environment: sends only over its current links, counted; the rest is the host's. */
    private final class LinkedOnly implements OverlayEnvironment<PlumtreeMessage> {
        private final Node node;
        private final OverlayEnvironment<PlumtreeMessage> host;

        LinkedOnly(Node node, OverlayEnvironment<PlumtreeMessage> host) {
            this.node = node;
            this.host = host;
        }

        @Override
        public void send(PeerId peer, PlumtreeMessage message) {
            if (!node.alive() || !node.neighbors.contains(byId.get(peer))) {
                return;
            }
            messagesSent++;
            if (message instanceof PlumtreeMessage.Gossip) {
                gossipTransmissions++;
            }
            host.send(peer, message);
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return host.schedule(delay, task);
        }

        @Override
        public void execute(Runnable task) {
            host.execute(task);
        }

        @Override
        public long nowMillis() {
            return host.nowMillis();
        }

        @Override
        public RandomGenerator random() {
            return host.random();
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    Node node(int i) {
        return nodes.get(i);
    }

    List<Node> alive() {
        return nodes.stream().filter(Node::alive).toList();
    }

    long now() {
        return network.nowMillis();
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

    /** A link whose messages take exactly {@code latencyMillis} either way. */
    void connect(int a, int b, int latencyMillis) {
        latency.set(nodes.get(a).id, nodes.get(b).id, latencyMillis);
        connect(a, b);
    }

    void disconnect(int a, int b) {
        Node na = nodes.get(a);
        Node nb = nodes.get(b);
        na.neighbors.remove(nb);
        nb.neighbors.remove(na);
        na.plumtree.neighborDown(nb.id);
        nb.plumtree.neighborDown(na.id);
    }

    /** Crashes node {@code i}: its links go down on both ends at once (as HyParView would report). */
    void kill(int i) {
        Node n = nodes.get(i);
        for (Node peer : List.copyOf(n.neighbors)) {
            disconnect(i, peer.index);
        }
        n.plumtree.stop();
        network.kill(n.id);
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
        return broadcast(source, Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    void runUntilIdle() {
        if (!network.runUntilIdle(MAX_EVENTS)) {
            throw new IllegalStateException("still busy after " + MAX_EVENTS + " events");
        }
    }

    void runFor(Duration d) {
        network.runFor(d);
    }

    /** Live nodes that got {@code id} exactly once; throws if one got it more than once. */
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
}
