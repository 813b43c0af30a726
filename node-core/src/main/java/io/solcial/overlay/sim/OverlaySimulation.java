package io.solcial.overlay.sim;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Bytes;
import io.solcial.overlay.NeighborListener;
import io.solcial.overlay.Topic;
import io.solcial.overlay.hyparview.Admission;
import io.solcial.overlay.hyparview.HyParView;
import io.solcial.overlay.hyparview.HyParViewConfig;
import io.solcial.overlay.hyparview.HyParViewMessage;
import io.solcial.overlay.hyparview.NetworkSize;
import io.solcial.overlay.plumtree.Delivery;
import io.solcial.overlay.plumtree.LatestMessages;
import io.solcial.overlay.plumtree.MessageId;
import io.solcial.overlay.plumtree.Misbehaviour;
import io.solcial.overlay.plumtree.PayloadValidator;
import io.solcial.overlay.plumtree.Plumtree;
import io.solcial.overlay.plumtree.PlumtreeConfig;
import io.solcial.overlay.plumtree.PlumtreeListener;
import io.solcial.overlay.plumtree.PlumtreeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The overlay simulation behind {@code solcial sim}: N nodes each running {@link HyParView} and
 * {@link Plumtree} on one topic inside a {@link SimulatedNetwork}, measured while they broadcast.
 *
 * <p>Scenario, all in virtual time and deterministic for a seed:
 * <ol>
 *   <li>node 0 starts; the others join through it, one every {@link Config#joinGap()};</li>
 *   <li>the overlay runs {@link Config#stabilisationRounds()} shuffle periods (membership rounds);</li>
 *   <li>M messages are broadcast, one every {@link Config#messageInterval()}, each from a random
 *       live node that has joined (has at least one active peer);</li>
 *   <li>with {@code failFraction > 0}, that fraction of the live nodes crashes at once at the middle
 *       of the message sequence, right before message {@code M/2} is broadcast (the first half
 *       is the warm-up that forms the tree and the stable baseline);</li>
 *   <li>with {@code churn > 0}, during the message phase that fraction of the live nodes is replaced
 *       per membership round: crashes of random live nodes and as many fresh nodes joining through
 *       a random live contact, spread over the message ticks.</li>
 * </ol>
 *
 * <p>Metrics per message, taken {@link Config#window()} after its broadcast: reliability (the
 * fraction of the nodes alive then, and present at the broadcast, that delivered it), the same over
 * the source's connected component of the live active-view graph, RMR (GOSSIPs received / (nodes
 * that delivered − 1) − 1), LDH (the largest hop count of a delivery), the flooding LDH (what a
 * flood of the same broadcast over the live active-view graph at the broadcast would give under the
 * same latency model, see {@link FloodShadow}) and the BFS depth from the source over that graph
 * (the fewest hops, a lower bound no forwarding of first copies reaches under varying latencies).
 * Metrics are recorded incrementally in arrays; nothing per message is bigger than one bit per node.
 */
public final class OverlaySimulation {
    static final Topic TOPIC = Topic.PUBLIC;

    /**
     * @param nodes               N, the nodes joined before the messages
     * @param failFraction        fraction of the live nodes killed at once before message M/2 (0: none)
     * @param messages            M broadcasts
     * @param churn               fraction of the live nodes replaced per membership round (0: none)
     * @param seed                everything random derives from it
     * @param messageInterval     time between two broadcasts
     * @param stabilisationRounds shuffle periods run after the last join, before the first message
     * @param joinGap             time between two joins
     * @param window              time after a broadcast at which its metrics are taken
     */
    public record Config(int nodes, double failFraction, int messages, double churn, long seed,
            Duration messageInterval, int stabilisationRounds, Duration joinGap, Duration window,
            HyParViewConfig hyParView, PlumtreeConfig plumtree) {

        public Config {
            if (nodes < 2 || messages < 1 || failFraction < 0 || failFraction >= 1 || churn < 0 || churn >= 1
                    || stabilisationRounds < 0 || messageInterval.toMillis() < 1 || joinGap.toMillis() < 1
                    || window.toMillis() < 1) {
                throw new IllegalArgumentException("bad simulation config: nodes ≥ 2, messages ≥ 1, 0 ≤ fail < 1,"
                        + " 0 ≤ churn < 1, positive intervals");
            }
        }

        /**
         * Defaults: one broadcast per second (each has settled before the next, as in the Plumtree paper's
         * runs; at higher rates the tree optimisation races in-flight messages and RMR rises, see
         * docs/benchmarks.md), 3 stabilisation rounds, joins 10 ms apart at every size (100,000 nodes: 1,000 s
         * of joins; 1 ms apart, a thousand joins a second through one bootstrap with random walks of 3 hops,
         * leaves a path-like overlay of BFS depth 200 instead of 5–6, see docs/benchmarks.md).
         */
        public static Config of(int nodes, double failFraction, int messages, double churn, long seed) {
            long gap = 10;
            PlumtreeConfig d = PlumtreeConfig.defaults();
            // shorter memories than a real node (2 min / 10 min) keep a 10,000-node run in memory;
            // still far longer than any message takes to arrive
            PlumtreeConfig plumtree = new PlumtreeConfig(d.ihaveInterval(), d.graftTimeout(), d.secondGraftTimeout(),
                    d.optimizationThreshold(), Duration.ofSeconds(30), d.cacheMaxMessages(), d.cacheMaxBytes(),
                    Duration.ofSeconds(60), d.seenMaxIds(), d.maxMissingIds(), d.maxAnnouncersPerId(),
                    d.maxQueuedIhavesPerPeer());
            return new Config(nodes, failFraction, messages, churn, seed, Duration.ofSeconds(1), 3,
                    Duration.ofMillis(gap), Duration.ofSeconds(10), HyParViewConfig.defaults().withInitialNetworkSize(nodes),
                    plumtree);
        }

        public Config withMessageInterval(Duration interval) {
            return new Config(nodes, failFraction, messages, churn, seed, interval, stabilisationRounds, joinGap, window,
                    hyParView, plumtree);
        }

        public Config withJoinGap(Duration gap) {
            return new Config(nodes, failFraction, messages, churn, seed, messageInterval, stabilisationRounds, gap, window,
                    hyParView, plumtree);
        }

        /** The message before which the failure happens, or -1 without one. */
        public int failAtMessage() {
            return failFraction > 0 ? messages / 2 : -1;
        }
    }

    /**
     * One broadcast's figures.
     *
     * @param liveNodes              nodes alive at measurement that existed at the broadcast
     * @param delivered              of those, how many delivered it
     * @param componentReliability   the same over the source's connected component of the live
     *                               active-view graph at measurement (= reliability when the source died)
     * @param gossipReceived         GOSSIP messages carrying it received by any node
     * @param floodingLdh            the LDH of a flood of this broadcast over the live active-view graph at
     *                               the broadcast, under the simulator's latency model ({@link FloodShadow})
     * @param bfsDepth               BFS depth from the source over that graph (the fewest hops)
     * @param viewChanges            active-view changes (neighbour up or down, at any node) between the
     *                               previous broadcast and this one: new links start eager in Plumtree
     */
    public record MessageStats(int index, long sentAtMillis, boolean afterFailure, int liveNodes, int delivered,
            double reliability, double componentReliability, long gossipReceived, double rmr, int ldh,
            int floodingLdh, int bfsDepth, long viewChanges) {}

    /** In-degree of the live nodes in the live active-view graph. */
    public record InDegree(int min, double mean, int max) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "min %d / mean %.2f / max %d", min, mean, max);
        }
    }

    /**
     * @param failedAtMillis          virtual time of the failure (-1 without one)
     * @param killed                  nodes killed by the failure
     * @param healRounds              membership rounds (shuffle periods, rounded up, at least 1) from the
     *                                failure to the first broadcast reaching ≥ 99.9% of the live nodes;
     *                                0 without failure, -1 when no later broadcast did
     * @param componentHealRounds     the same for ≥ 99.9% of the source's surviving component
     * @param inDegreeStable          in-degree spread before the first message
     * @param inDegreeEnd             in-degree spread at the end
     */
    public record Result(Config config, List<MessageStats> messages, long failedAtMillis, int killed, int healRounds,
            int componentHealRounds, InDegree inDegreeStable, InDegree inDegreeEnd, int liveAtEnd, int churned,
            long virtualMillis, long eventsProcessed, long messagesSent) {

        /** The last 10% of the messages (at least one). */
        public List<MessageStats> tail() {
            int n = Math.max(1, messages.size() / 10);
            return messages.subList(messages.size() - n, messages.size());
        }

        /** Mean reliability over the last 10% of the messages. */
        public double reliability() {
            return tail().stream().mapToDouble(MessageStats::reliability).average().orElse(0);
        }

        public double rmr() {
            return tail().stream().mapToDouble(MessageStats::rmr).average().orElse(0);
        }

        public double ldh() {
            return tail().stream().mapToDouble(MessageStats::ldh).average().orElse(0);
        }

        public double floodingLdh() {
            return tail().stream().mapToDouble(MessageStats::floodingLdh).average().orElse(0);
        }

        public double bfsDepth() {
            return tail().stream().mapToDouble(MessageStats::bfsDepth).average().orElse(0);
        }

        /** The script line: {@code reliability=<r> rmr=<x> ldh=<h> heal_rounds=<k>}. */
        public String summaryLine() {
            return String.format(java.util.Locale.ROOT, "reliability=%.4f rmr=%.4f ldh=%.2f heal_rounds=%d",
                    reliability(), rmr(), ldh(), healRounds);
        }
    }

    private final Config config;
    private final SimulatedNetwork network;
    private final SplittableRandom random;
    private final SplittableRandom keys;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<PeerId, Node> byId = new HashMap<>();
    private final BitSet alive = new BitSet();
    private final Map<MessageId, Integer> messageIndex = new HashMap<>();
    /** The last id looked up in {@link #messageIndex} and its index: nearly every lookup is for it. */
    private MessageId lastId;
    private int lastIndex = -1;
    private final long shuffleMillis;
    // per message, filled incrementally
    private final long[] sentAt;
    private final int[] source;
    private final int[] nodesAtBroadcast;
    private final int[] ldh;
    private final int[] floodLdh;
    private final int[] bfsDepthAt;
    private final FloodShadow flood;
    /** Every node's latest message, side by side, and each host's slot in it. */
    private final LatestMessages latestMessages = new LatestMessages();
    private int[] latestSlotByHost = new int[64];
    private final long[] gossipReceived;
    private final long[] viewChanges;
    private long viewChangeCount;
    /** IHAVEs the shared table deferred (see {@link #absorbs}). */
    private long deferred;
    private final BitSet[] deliveredBy;
    private final List<MessageStats> stats = new ArrayList<>();
    /** The live graph the BFS and flood walk; marked stale whenever a view or the live set changes. */
    private final LiveGraph liveRows = new LiveGraph();
    // BFS scratch, reused
    private int[] bfsQueue = new int[0];
    private int[] bfsDepth = new int[0];
    private int[] bfsStamp = new int[0];
    private int stamp;
    private int lastBfsReached;
    private int lastBfsDelivered;

    private OverlaySimulation(Config config) {
        this.config = config;
        this.network = SimulatedNetwork.withSeed(config.seed());
        this.random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 1);
        this.keys = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        this.shuffleMillis = config.hyParView().shuffleInterval().toMillis();
        int m = config.messages();
        sentAt = new long[m];
        source = new int[m];
        nodesAtBroadcast = new int[m];
        ldh = new int[m];
        floodLdh = new int[m];
        bfsDepthAt = new int[m];
        flood = new FloodShadow(network.latency(), new SplittableRandom(config.seed() * 0xBF58476D1CE4E5B9L + 3));
        gossipReceived = new long[m];
        viewChanges = new long[m];
        deliveredBy = new BitSet[m];
    }

    /** Runs the whole scenario for {@code config}. */
    public static Result run(Config config) {
        return run(config, true).result();
    }

    /**
     * A run's result, how many IHAVEs the shared {@link LatestMessages} took before delivery, and
     * how many of those it deferred.
     */
    record Run(Result result, long absorbed, long deferred) {}

    /**
     * Runs the scenario with or without the network asking the nodes' shared {@link
     * LatestMessages} before delivering an IHAVE (the outcome must be the same; only the speed
     * differs).
     */
    static Run run(Config config, boolean shortcut) {
        OverlaySimulation simulation = new OverlaySimulation(config);
        if (shortcut) {
            simulation.network.setShortcut(simulation::absorbs);
        }
        Result result = simulation.execute();
        return new Run(result, simulation.network.messagesAbsorbed(), simulation.deferred);
    }

    /**
     * Whether the host's Plumtree would do nothing with {@code message}, or nothing but what the
     * shared table records for it to do later (see {@link LatestMessages#takeIHave}).
     */
    private boolean absorbs(int host, PeerId from, Object message, long nowMillis) {
        if (!(message instanceof PlumtreeMessage.IHave h)) {
            return false;
        }
        int taken = latestMessages.takeIHave(latestSlotByHost[host], h, from, nowMillis);
        if (taken == LatestMessages.DEFERRED_SENDER) {
            deferred++;
        }
        return taken != LatestMessages.HANDED_ON;
    }

    private Result execute() {
        Node bootstrap = addNode();
        for (int i = 1; i < config.nodes(); i++) {
            network.runFor(config.joinGap());
            addNode().hyParView.join(bootstrap.id);
        }
        network.runFor(config.hyParView().shuffleInterval().multipliedBy(config.stabilisationRounds()));
        InDegree stable = inDegree();

        int failAt = config.failAtMessage();
        long failedAt = -1;
        int killed = 0;
        int churned = 0;
        double churnCarry = 0;
        int finalized = 0;
        long interval = config.messageInterval().toMillis();
        for (int k = 0; k < config.messages(); k++) {
            if (k == failAt) {
                killed = killFraction(config.failFraction());
                failedAt = network.nowMillis();
            }
            if (config.churn() > 0 && k > 0) {
                churnCarry += config.churn() * alive.cardinality() * interval / shuffleMillis;
                int n = (int) churnCarry;
                churnCarry -= n;
                churn(n);
                churned += n;
            }
            broadcast(k);
            network.runFor(config.messageInterval());
            while (finalized <= k && sentAt[finalized] + config.window().toMillis() <= network.nowMillis()) {
                finalizeMessage(finalized++, failAt);
            }
        }
        network.runFor(config.window());
        while (finalized < config.messages()) {
            finalizeMessage(finalized++, failAt);
        }
        int heal = failAt < 0 ? 0 : healRounds(failAt, failedAt, false);
        int componentHeal = failAt < 0 ? 0 : healRounds(failAt, failedAt, true);
        return new Result(config, List.copyOf(stats), failedAt, killed, heal, componentHeal, stable, inDegree(),
                alive.cardinality(), churned, network.nowMillis(), network.eventsProcessed(), network.messagesSent());
    }

    private int healRounds(int failAt, long failedAt, boolean component) {
        for (MessageStats s : stats.subList(failAt, stats.size())) {
            double r = component ? s.componentReliability() : s.reliability();
            if (r >= 0.999) {
                long elapsed = s.sentAtMillis() - failedAt;
                return (int) Math.max(1, (elapsed + shuffleMillis - 1) / shuffleMillis);
            }
        }
        return -1;
    }

    private Node addNode() {
        byte[] raw = new byte[32];
        keys.nextBytes(raw);
        PeerId id = Ed25519PublicKey.of(raw).peerId();
        SimHost host = network.addHost(id);
        Node node = new Node(nodes.size(), id, host);
        if (host.index() == latestSlotByHost.length) {
            latestSlotByHost = Arrays.copyOf(latestSlotByHost, 2 * host.index());
        }
        latestSlotByHost[host.index()] = node.plumtree.latestSlot();
        nodes.add(node);
        byId.put(id, node);
        alive.set(node.index);
        liveRows.invalidate();
        host.attach(node);
        node.hyParView.start();
        return node;
    }

    /** The index of the broadcast with this id, or -1. */
    private int indexOf(MessageId id) {
        if (id != lastId) {
            Integer k = messageIndex.get(id);
            lastId = id;
            lastIndex = k == null ? -1 : k;
        }
        return lastIndex;
    }

    private int randomLive() {
        while (true) {
            int i = random.nextInt(nodes.size());
            if (alive.get(i)) {
                return i;
            }
        }
    }

    private int killFraction(double fraction) {
        int live = alive.cardinality();
        int count = (int) Math.round(live * fraction);
        List<PeerId> victims = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int v = randomLive();
            alive.clear(v);
            liveRows.invalidate();
            victims.add(nodes.get(v).id);
        }
        network.kill(victims);
        return count;
    }

    private void churn(int n) {
        if (n == 0) {
            return;
        }
        killFraction((double) n / alive.cardinality());
        for (int i = 0; i < n; i++) {
            Node contact = nodes.get(randomLive());
            addNode().hyParView.join(contact.id);
        }
    }

    private void broadcast(int k) {
        int from = randomLive();
        // a node still joining (no active peer yet) has no one to send to: pick a joined one
        for (int tries = 0; tries < 1000 && nodes.get(from).degree == 0; tries++) {
            from = randomLive();
        }
        byte[] payload = ("solcial-sim seed=" + config.seed() + " message=" + k).getBytes(StandardCharsets.UTF_8);
        Bytes bytes = Bytes.of(payload);
        messageIndex.put(MessageId.of(bytes), k);
        sentAt[k] = network.nowMillis();
        viewChanges[k] = viewChangeCount;
        viewChangeCount = 0;
        source[k] = from;
        nodesAtBroadcast[k] = nodes.size();
        deliveredBy[k] = new BitSet(nodes.size());
        bfsDepthAt[k] = bfs(from, null, nodes.size()); // brings the live graph up to date for the flood too
        floodLdh[k] = flood.lastDeliveryHop(graph, from);
        nodes.get(from).plumtree.broadcast(bytes);
    }

    private void finalizeMessage(int k, int failAt) {
        BitSet delivered = deliveredBy[k];
        int existed = nodesAtBroadcast[k];
        int live = alive.get(0, existed).cardinality();
        BitSet got = alive.get(0, existed);
        got.and(delivered);
        int deliveredLive = got.cardinality();
        double reliability = live == 0 ? 0 : (double) deliveredLive / live;
        double componentReliability = reliability;
        // every live node has it: then so has every node of the source's component, and the BFS
        // (with, often, a rebuild of the live graph) would only confirm 1.0
        if (alive.get(source[k]) && deliveredLive < live) {
            bfs(source[k], delivered, existed);
            componentReliability = lastBfsReached == 0 ? 0 : (double) lastBfsDelivered / lastBfsReached;
        }
        int allDelivered = delivered.cardinality();
        double rmr = allDelivered <= 1 ? 0 : (double) gossipReceived[k] / (allDelivered - 1) - 1;
        stats.add(new MessageStats(k, sentAt[k], failAt >= 0 && k >= failAt, live, deliveredLive, reliability,
                componentReliability, gossipReceived[k], rmr, ldh[k], floodLdh[k], bfsDepthAt[k], viewChanges[k]));
        deliveredBy[k] = null;
    }

    /**
     * BFS over the live active-view graph from {@code from}; returns the depth reached (flooding's
     * LDH's lower bound) and leaves in {@link #lastBfsReached} the nodes below {@code existed} reached and in
     * {@link #lastBfsDelivered} how many of them are set in {@code delivered}.
     */
    private int bfs(int from, BitSet delivered, int existed) {
        LiveGraph g = liveGraph();
        int[] targets = g.targets();
        int n = nodes.size();
        if (bfsQueue.length < n) {
            int size = Math.max(n, bfsQueue.length * 2);
            bfsQueue = new int[size];
            bfsDepth = new int[size];
            bfsStamp = Arrays.copyOf(bfsStamp, size);
        }
        stamp++;
        int head = 0;
        int tail = 0;
        bfsQueue[tail++] = from;
        bfsStamp[from] = stamp;
        bfsDepth[from] = 0;
        int depth = 0;
        int reached = 0;
        int got = 0;
        while (head < tail) {
            int u = bfsQueue[head++];
            if (u < existed) {
                reached++;
                if (delivered != null && delivered.get(u)) {
                    got++;
                }
            }
            int du = bfsDepth[u];
            depth = Math.max(depth, du);
            for (int i = g.start(u), end = g.end(u); i < end; i++) {
                int v = targets[i];
                if (bfsStamp[v] != stamp) {
                    bfsStamp[v] = stamp;
                    bfsDepth[v] = du + 1;
                    bfsQueue[tail++] = v;
                }
            }
        }
        lastBfsReached = reached;
        lastBfsDelivered = got;
        return depth;
    }

    /** The live active-view graph, rebuilt from the nodes' adjacency arrays when it changed. */
    private LiveGraph liveGraph() {
        if (liveRows.isStale()) {
            fillLiveRows(liveRows);
        }
        assert liveRowsMatchNodes() : "the live graph was not rebuilt after a change";
        return liveRows;
    }

    /** Builds {@code rows} from the nodes' adjacency arrays and the live set. */
    private void fillLiveRows(LiveGraph rows) {
        int n = nodes.size();
        rows.begin(n);
        for (int u = 0; u < n; u++) {
            if (alive.get(u)) {
                Node node = nodes.get(u);
                for (int i = 0; i < node.degree; i++) {
                    int v = node.adjacency[i];
                    if (alive.get(v)) {
                        rows.add(v);
                    }
                }
            }
            rows.endRow();
        }
        rows.end();
    }

    /**
     * Whether the cached rows are what the nodes' adjacency arrays and the live set give now; asked
     * on every use when assertions are on (as in the tests), so a change that forgets to mark the
     * rows stale fails them.
     */
    private boolean liveRowsMatchNodes() {
        LiveGraph now = new LiveGraph();
        fillLiveRows(now);
        return now.sameRows(liveRows);
    }

    /** The live active-view graph, as {@link FloodShadow} reads it (call {@link #liveGraph} first). */
    private final FloodShadow.Graph graph = new FloodShadow.Graph() {
        @Override
        public int size() {
            return nodes.size();
        }

        @Override
        public boolean alive(int node) {
            return alive.get(node);
        }

        @Override
        public int degree(int node) {
            return liveRows.degree(node);
        }

        @Override
        public int neighbor(int node, int i) {
            return liveRows.neighbor(node, i);
        }

        @Override
        public PeerId id(int node) {
            return nodes.get(node).id;
        }
    };

    private InDegree inDegree() {
        int[] in = new int[nodes.size()];
        for (int u = alive.nextSetBit(0); u >= 0; u = alive.nextSetBit(u + 1)) {
            Node node = nodes.get(u);
            for (int i = 0; i < node.degree; i++) {
                if (alive.get(node.adjacency[i])) {
                    in[node.adjacency[i]]++;
                }
            }
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        long sum = 0;
        int count = 0;
        for (int u = alive.nextSetBit(0); u >= 0; u = alive.nextSetBit(u + 1)) {
            min = Math.min(min, in[u]);
            max = Math.max(max, in[u]);
            sum += in[u];
            count++;
        }
        return new InDegree(count == 0 ? 0 : min, count == 0 ? 0 : (double) sum / count, max);
    }

    /** One simulated node: HyParView feeding Plumtree, plus the adjacency the metrics read. */
    private final class Node implements SimulatedNode, NeighborListener, PlumtreeListener {
        final int index;
        final PeerId id;
        final HyParView hyParView;
        final Plumtree plumtree;
        /** The Plumtree's slot in {@link #latestMessages}. */
        final int plumtreeSlot;
        int[] adjacency = new int[8];
        int degree;

        Node(int index, PeerId id, SimHost host) {
            this.index = index;
            this.id = id;
            this.plumtree = new Plumtree(id, TOPIC, config.plumtree(), host.environment(), PayloadValidator.acceptAll(),
                    this, latestMessages);
            this.plumtreeSlot = plumtree.latestSlot();
            Set<PeerId> bans = new HashSet<>();
            this.hyParView = new HyParView(id, TOPIC, config.hyParView(), host.environment(), Admission.everyone(),
                    NetworkSize.fixed(config.nodes()), bans, this);
        }

        @Override
        public void receive(PeerId from, Object message) {
            if (message instanceof HyParViewMessage m) {
                hyParView.onMessage(from, m);
            } else if (message instanceof PlumtreeMessage m) {
                if (m instanceof PlumtreeMessage.Gossip g) {
                    int k = indexOf(g.id());
                    if (k >= 0) {
                        gossipReceived[k]++;
                    }
                }
                plumtree.receive(from, m);
            }
        }

        @Override
        public int prefetch(Object message) {
            if (message instanceof PlumtreeMessage.IHave) {
                // nearly all are taken by the shared table before they reach the node (see OverlaySimulation#absorbs)
                return latestMessages.prefetch(plumtreeSlot);
            }
            return plumtree.prefetch(message instanceof PlumtreeMessage m ? m : null);
        }

        @Override
        public void linkDown(PeerId peer) {
            hyParView.linkDown(peer);
        }

        @Override
        public Collection<PeerId> connections() {
            List<PeerId> peers = new ArrayList<>(degree);
            for (int i = 0; i < degree; i++) {
                peers.add(nodes.get(adjacency[i]).id);
            }
            return peers;
        }

        /** Where {@code other} sits in this node's adjacency array, or -1. */
        private int slotOf(Node other) {
            for (int i = 0; i < degree; i++) {
                if (adjacency[i] == other.index) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void neighborUp(PeerId peer) {
            plumtree.neighborUp(peer);
            viewChangeCount++;
            liveRows.invalidate();
            Node other = byId.get(peer);
            if (other == null || slotOf(other) >= 0) {
                return;
            }
            if (degree == adjacency.length) {
                adjacency = Arrays.copyOf(adjacency, degree * 2);
            }
            adjacency[degree++] = other.index;
        }

        @Override
        public void neighborDown(PeerId peer) {
            plumtree.neighborDown(peer);
            viewChangeCount++;
            liveRows.invalidate();
            Node other = byId.get(peer);
            int slot = other == null ? -1 : slotOf(other);
            if (slot >= 0) {
                adjacency[slot] = adjacency[--degree];
            }
        }

        @Override
        public void deliver(Delivery delivery) {
            int k = indexOf(delivery.id());
            if (k < 0) {
                return;
            }
            BitSet bits = deliveredBy[k];
            if (bits != null) {
                bits.set(index);
            }
            if (delivery.hops() > ldh[k]) {
                ldh[k] = delivery.hops();
            }
        }

        @Override
        public void misbehaved(Misbehaviour misbehaviour) {
            // every payload is valid here
        }
    }
}
