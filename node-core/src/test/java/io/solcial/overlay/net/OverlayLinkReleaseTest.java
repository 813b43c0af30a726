package io.solcial.overlay.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.membership.InMemoryMembershipOracle;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.ConnectionListener;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.Stream;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.overlay.Topic;
import io.solcial.overlay.hyparview.HyParViewConfig;
import io.solcial.overlay.plumtree.PayloadValidator;
import io.solcial.overlay.plumtree.PlumtreeConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over real loopback connections: our overlay streams to a peer that left every active view are
 * closed after the linger, so the hosts' idle timeout closes the connection on both sides, while
 * connections between neighbours, or carrying another protocol's stream, stay open.
 */
class OverlayLinkReleaseTest {
    private static final Topic T = Topic.PUBLIC;
    private static final Duration LINGER = Duration.ofMillis(300);
    private static final Duration IDLE = Duration.ofMillis(400);
    /** Long enough to see the connection outlive linger + idle timeout several times over. */
    private static final Duration WELL_PAST = LINGER.plus(IDLE).multipliedBy(4);
    private static final String HOLD = "/test/hold/1.0.0";

    private final InMemoryMembershipOracle oracle = new InMemoryMembershipOracle().setNetworkSize(4);
    private final List<Libp2pHost> hosts = new ArrayList<>();
    private final List<OverlayService> services = new ArrayList<>();

    private record Node(Libp2pHost host, OverlayService service) {
        PeerId id() {
            return host.peerId();
        }

        Multiaddr address() {
            return host.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + host.peerId()));
        }

        boolean connectedTo(Node other) {
            return host.connection(other.id()).filter(Connection::isOpen).isPresent();
        }

        boolean neighbourOf(Node other) {
            return service.activeView(T).contains(other.id());
        }
    }

    @AfterEach
    void stop() {
        services.forEach(OverlayService::abort);
        hosts.forEach(h -> h.stop().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join());
    }

    /** A node whose active view holds {@code activeViewSize} peers and that never shuffles during a test. */
    private Node node(int seed, int activeViewSize) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        s[1] = 0x71;
        Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(s);
        oracle.register(keys.publicKey());
        Libp2pHost host = new Libp2pHost(keys, HostConfig.defaults().withIdleTimeout(IDLE), Clock.systemUTC());
        host.addProtocol(new ProtocolHandler(HOLD, () -> (stream, data) -> { }));
        host.start().orTimeout(10, TimeUnit.SECONDS).join();
        hosts.add(host);
        HyParViewConfig hv = new HyParViewConfig(activeViewSize, activeViewSize, 6, 3, 2, Duration.ofHours(1), 4, 3, 4,
                Duration.ofHours(1), 4, Duration.ofSeconds(5));
        OverlayService.Config config = OverlayService.Config.defaults().withLinger(LINGER);
        config = new OverlayService.Config(config.topics(), hv, PlumtreeConfig.defaults(), config.dialTimeout(),
                config.maxQueuedFrames(), config.linger());
        OverlayService service = new OverlayService(host, oracle, BanStore.inMemory(), PayloadValidator.acceptAll(),
                config, d -> { });
        services.add(service);
        return new Node(host, service);
    }

    /** {@code count} nodes; the first bootstraps, the others join through it one after the other. */
    private List<Node> overlay(int count, int activeViewSize, Set<PeerId> everConnectedToFirst) throws Exception {
        List<Node> nodes = new ArrayList<>();
        Node first = node(0, activeViewSize);
        first.host().addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(Connection c) {
                everConnectedToFirst.add(c.remotePeer());
            }
        });
        first.service().start(List.of()).get(10, TimeUnit.SECONDS);
        nodes.add(first);
        for (int i = 1; i < count; i++) {
            Node n = node(i, activeViewSize);
            n.service().start(List.of(first.address())).get(10, TimeUnit.SECONDS);
            nodes.add(n);
        }
        return nodes;
    }

    /** Every pair is connected (seen from both ends) exactly when one of them has the other in its active view. */
    private static boolean connectionsFollowActiveViews(List<Node> nodes) {
        for (Node a : nodes) {
            for (Node b : nodes) {
                if (a != b) {
                    boolean neighbours = a.neighbourOf(b) || b.neighbourOf(a);
                    if (a.connectedTo(b) != neighbours || b.connectedTo(a) != neighbours) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void connectionsToPeersThatLeftEveryActiveViewCloseOnBothSidesWhileNeighboursStayConnected() throws Exception {
        Set<PeerId> everConnected = ConcurrentHashMap.newKeySet();
        List<Node> nodes = overlay(4, 2, everConnected);
        Node first = nodes.get(0);
        Set<PeerId> exNeighbours = new HashSet<>();
        nodes.subList(1, 4).forEach(n -> exNeighbours.add(n.id()));
        assertEquals(exNeighbours, everConnected, "every joiner connected to the bootstrap node");

        assertTrue(Eventually.within(Duration.ofSeconds(15), () -> connectionsFollowActiveViews(nodes)),
                "connections close once the peers are in no active view");
        // the bootstrap node has room for 2 of the 3 joiners: at least one left its active view
        exNeighbours.removeAll(first.service().activeView(T));
        assertFalse(exNeighbours.isEmpty());
        for (Node n : nodes) {
            if (exNeighbours.contains(n.id())) {
                assertFalse(first.connectedTo(n) || n.connectedTo(first), "closed on both sides");
            }
        }

        Thread.sleep(WELL_PAST.toMillis());
        assertTrue(connectionsFollowActiveViews(nodes), "neighbours keep their connections");
        // the bootstrap node stays connected to exactly its neighbours (HyParView may leave its view of 2 with 1)
        long neighboursOfFirst = nodes.stream().filter(n -> n != first && (first.neighbourOf(n) || n.neighbourOf(first))).count();
        assertTrue(neighboursOfFirst >= 1, "the bootstrap node keeps a neighbour");
        assertEquals(neighboursOfFirst, nodes.stream().filter(first::connectedTo).count());
    }

    @Test
    void aPeerThatLeftIsReleasedWithoutALinkFailureAndStaysInThePassiveView() throws Exception {
        List<Node> nodes = overlay(3, 3, ConcurrentHashMap.newKeySet());
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        Node c = nodes.get(2);
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> a.neighbourOf(b) && a.neighbourOf(c) && b.neighbourOf(c)));

        b.service().close(); // DISCONNECT to a and c, then b closes its streams
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> !a.connectedTo(b) && !b.connectedTo(a)
                && !c.connectedTo(b) && !b.connectedTo(c)), "the connections to the leaver close on both sides");

        for (Node n : List.of(a, c)) {
            assertEquals(Set.of(n == a ? c.id() : a.id()), n.service().activeView(T));
            assertTrue(n.service().passiveView(T).contains(b.id()),
                    "closing the connection of an ex-neighbour is no failure: it stays a passive peer");
        }
        Thread.sleep(WELL_PAST.toMillis());
        assertTrue(a.connectedTo(c) && c.connectedTo(a), "the remaining neighbours stay connected");
        assertTrue(a.service().passiveView(T).contains(b.id()));
    }

    @Test
    void aConnectionCarryingAnotherProtocolsStreamIsNotClosed() throws Exception {
        List<Node> nodes = overlay(2, 3, ConcurrentHashMap.newKeySet());
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> a.neighbourOf(b) && b.neighbourOf(a)));
        Stream hold = b.host().connection(a.id()).orElseThrow()
                .newStream(List.of(HOLD), (s, data) -> { }).get(10, TimeUnit.SECONDS);

        b.service().close();
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> a.service().activeView(T).isEmpty()),
                () -> "a's active view " + a.service().activeView(T) + ", b is " + b.id());
        Thread.sleep(WELL_PAST.toMillis());
        assertTrue(a.connectedTo(b) && b.connectedTo(a), "another protocol's open stream keeps the connection");
        assertTrue(a.service().passiveView(T).contains(b.id()));

        hold.reset(); // with that stream gone, nothing (no overlay stream either) holds the connection
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> !a.connectedTo(b) && !b.connectedTo(a)));
    }
}
