package io.solcial.overlay.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.membership.InMemoryMembershipOracle;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.net.transport.TcpTransportConfig;
import io.solcial.overlay.Topic;
import io.solcial.overlay.hyparview.HyParViewConfig;
import io.solcial.overlay.plumtree.MessageId;
import io.solcial.overlay.plumtree.PayloadValidator;
import io.solcial.overlay.plumtree.PlumtreeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 50 overlay nodes in one JVM over real loopback TCP (Noise + yamux): they form the overlay from
 * one bootstrap node, broadcasts reach everyone exactly once, 40% are killed and the survivors
 * heal within a few shuffle periods, and a non-member is refused at JOIN.
 */
class OverlayRealNetworkTest {
    private static final int NODES = 50;
    private static final int MESSAGES = 100;
    private static final Topic TOPIC = Topic.PUBLIC;
    private static final Duration SHUFFLE = Duration.ofSeconds(1);

    private final InMemoryMembershipOracle oracle = new InMemoryMembershipOracle().setNetworkSize(NODES);
    private final List<Node> nodes = new ArrayList<>();

    private static final class Node {
        final Libp2pHost host;
        final OverlayService service;
        final Map<MessageId, AtomicInteger> received = new ConcurrentHashMap<>();
        volatile boolean alive = true;

        Node(Libp2pHost host, OverlayService service) {
            this.host = host;
            this.service = service;
        }

        PeerId id() {
            return host.peerId();
        }

        Multiaddr address() {
            return host.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + host.peerId()));
        }

        boolean has(MessageId id) {
            return received.containsKey(id);
        }

        void kill() {
            alive = false;
            host.stop().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            service.abort();
        }
    }

    @AfterEach
    void stopAll() {
        for (Node n : nodes) {
            if (n.alive) {
                n.service.abort();
                n.host.stop().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        }
    }

    private Node node(int seed, boolean member) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        s[1] = 0x5a;
        Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(s);
        if (member) {
            oracle.register(keys.publicKey());
        }
        TcpTransportConfig tcp = new TcpTransportConfig(Duration.ofSeconds(2), Duration.ofSeconds(5), 1,
                256 * 1024, 1024 * 1024, 128);
        Libp2pHost host = new Libp2pHost(keys, HostConfig.defaults().withTcp(tcp), Clock.systemUTC());
        host.start().orTimeout(10, TimeUnit.SECONDS).join();
        HyParViewConfig hv = new HyParViewConfig(3, 32, 6, 3, 2, SHUFFLE, 4, 3, 4, Duration.ofMinutes(10), NODES,
                Duration.ofSeconds(2));
        PlumtreeConfig pt = new PlumtreeConfig(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(200), 4,
                Duration.ofMinutes(2), 10_000, 16L * 1024 * 1024, Duration.ofMinutes(10), 100_000, 4_096, 8, 4_096);
        OverlayService.Config config = new OverlayService.Config(List.of(TOPIC), hv, pt, Duration.ofSeconds(3), 1_024,
                Duration.ofSeconds(30));
        Node[] holder = new Node[1];
        OverlayService service = new OverlayService(host, oracle, BanStore.inMemory(), PayloadValidator.acceptAll(), config,
                d -> holder[0].received.computeIfAbsent(d.id(), k -> new AtomicInteger()).incrementAndGet());
        Node n = new Node(host, service);
        holder[0] = n;
        nodes.add(n);
        return n;
    }

    @Test
    void formsHealsAndGatesA50NodeOverlayOverLoopbackTcp() throws Exception {
        long t0 = System.nanoTime();
        Node first = node(0, true);
        first.service.start(List.of()).get(10, TimeUnit.SECONDS);
        for (int i = 1; i < NODES; i++) {
            Node n = node(i, true);
            n.service.start(List.of(first.address())).get(10, TimeUnit.SECONDS);
        }
        assertTrue(Eventually.within(Duration.ofSeconds(20), () -> overlayConnected(nodes)),
                "every node has an active peer and the active graph is connected: " + describe(nodes));
        log("formed in %d ms", t0);

        // 100 broadcasts from varying nodes reach every node exactly once
        Random rnd = new Random(42);
        List<MessageId> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Node from = nodes.get(rnd.nextInt(NODES));
            ids.add(from.service.broadcast(TOPIC, payload("before-" + i)).get(5, TimeUnit.SECONDS));
        }
        assertTrue(Eventually.within(Duration.ofSeconds(20), () -> nodes.stream().allMatch(n -> ids.stream().allMatch(n::has))),
                "all " + MESSAGES + " broadcasts reach all " + NODES + " nodes; missing per node: " + missing(nodes, ids));
        for (Node n : nodes) {
            for (MessageId id : ids) {
                assertEquals(1, n.received.get(id).get(), "delivered exactly once: " + id + " at " + n.id());
            }
        }
        log("100 broadcasts delivered in %d ms since start", t0);

        // kill 40% at once
        List<Node> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, new Random(7));
        List<Node> victims = shuffled.subList(0, NODES * 2 / 5);
        victims.parallelStream().forEach(Node::kill);
        List<Node> survivors = nodes.stream().filter(n -> n.alive).toList();
        long killedAt = System.nanoTime();

        // within a few shuffle periods, broadcasts reach every survivor again
        long healDeadline = killedAt + SHUFFLE.multipliedBy(8).toNanos();
        boolean healed = false;
        int probe = 0;
        while (!healed && System.nanoTime() < healDeadline) {
            Node from = survivors.get(rnd.nextInt(survivors.size()));
            MessageId id = from.service.broadcast(TOPIC, payload("probe-" + probe++)).get(5, TimeUnit.SECONDS);
            healed = Eventually.within(Duration.ofMillis(1500), () -> survivors.stream().allMatch(n -> n.has(id)));
        }
        long healMs = (System.nanoTime() - killedAt) / 1_000_000;
        assertTrue(healed, "a broadcast reached all " + survivors.size() + " survivors within 8 shuffle periods; "
                + describe(survivors));
        System.out.printf("overlay healed %d ms after killing %d of %d nodes (%d probes)%n", healMs, victims.size(), NODES,
                probe);

        List<MessageId> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Node from = survivors.get(rnd.nextInt(survivors.size()));
            after.add(from.service.broadcast(TOPIC, payload("after-" + i)).get(5, TimeUnit.SECONDS));
        }
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> survivors.stream().allMatch(n -> after.stream().allMatch(n::has))),
                "broadcasts after the failure reach every survivor; missing: " + missing(survivors, after));
        for (Node n : survivors) {
            for (MessageId id : after) {
                assertEquals(1, n.received.get(id).get(), "exactly once after healing");
            }
        }
        Set<PeerId> dead = new HashSet<>();
        victims.forEach(v -> dead.add(v.id()));
        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> survivors.stream()
                        .noneMatch(n -> n.service.activeView(TOPIC).stream().anyMatch(dead::contains))),
                "no survivor keeps a dead peer in its active view");
        log("healed and re-verified at %d ms since start", t0);

        // a node whose key is not a member is refused at JOIN
        Node stranger = node(200, false);
        Node contact = survivors.get(0);
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> stranger.service.start(List.of(contact.address())).get(10, TimeUnit.SECONDS));
        assertInstanceOf(OverlayService.JoinRefusedException.class, refused.getCause());
        assertEquals("not a registered member", refused.getCause().getMessage());
        assertEquals("not a registered member", stranger.service.lastRefusal(TOPIC).orElseThrow());
        assertTrue(stranger.service.activeView(TOPIC).isEmpty());
        // and it never enters an active view, also after a couple of shuffle rounds
        long until = System.nanoTime() + SHUFFLE.multipliedBy(2).toNanos();
        while (System.nanoTime() < until) {
            for (Node n : survivors) {
                assertFalse(n.service.activeView(TOPIC).contains(stranger.id()), "the non-member is in an active view");
            }
            Thread.sleep(200);
        }
        log("done in %d ms", t0);
    }

    private static Bytes payload(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean overlayConnected(List<Node> group) {
        Map<PeerId, Set<PeerId>> graph = new HashMap<>();
        Set<PeerId> members = new HashSet<>();
        group.forEach(n -> members.add(n.id()));
        for (Node n : group) {
            Set<PeerId> active = n.service.activeView(TOPIC);
            if (active.isEmpty()) {
                return false;
            }
            for (PeerId p : active) {
                if (members.contains(p)) {
                    graph.computeIfAbsent(n.id(), k -> new HashSet<>()).add(p);
                    graph.computeIfAbsent(p, k -> new HashSet<>()).add(n.id());
                }
            }
        }
        Set<PeerId> seen = new HashSet<>();
        Deque<PeerId> todo = new ArrayDeque<>(List.of(group.get(0).id()));
        while (!todo.isEmpty()) {
            PeerId p = todo.poll();
            if (seen.add(p)) {
                todo.addAll(graph.getOrDefault(p, Set.of()));
            }
        }
        return seen.size() == group.size();
    }

    private static String describe(List<Node> group) {
        StringBuilder b = new StringBuilder();
        for (Node n : group) {
            b.append("\n ").append(n.id()).append(" active=").append(n.service.activeView(TOPIC).size())
                    .append(" passive=").append(n.service.passiveView(TOPIC).size());
        }
        return b.toString();
    }

    private static Map<PeerId, Long> missing(List<Node> group, List<MessageId> ids) {
        Map<PeerId, Long> out = new HashMap<>();
        for (Node n : group) {
            long m = ids.stream().filter(id -> !n.has(id)).count();
            if (m > 0) {
                out.put(n.id(), m);
            }
        }
        return out;
    }

    private static void log(String format, long t0) {
        System.out.printf(format + "%n", (System.nanoTime() - t0) / 1_000_000);
    }
}
