package io.solcial.net.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.ConnectionListener;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.PeerInfo;
import io.solcial.net.identify.IdentifyProtocol;
import io.solcial.net.ping.PingProtocol;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakExtension.class)
class Libp2pHostTest {
    private final List<Libp2pHost> hosts = new ArrayList<>();

    @AfterEach
    void stopHosts() {
        hosts.forEach(h -> h.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    private Libp2pHost host(int seed, HostConfig config) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        Libp2pHost h = new Libp2pHost(Ed25519KeyPair.fromSeed(s), config, Clock.systemUTC());
        h.start().orTimeout(10, TimeUnit.SECONDS).join();
        hosts.add(h);
        return h;
    }

    private static Multiaddr addressOf(Libp2pHost h) {
        return h.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + h.peerId()));
    }

    @Test
    void connectsPingsAndIdentifiesBothWays() throws Exception {
        Libp2pHost a = host(1, HostConfig.defaults());
        Libp2pHost b = host(2, HostConfig.defaults());
        Connection c = a.connect(addressOf(b)).get(10, TimeUnit.SECONDS);
        assertEquals(b.peerId(), c.remotePeer());

        Duration rtt = a.ping().ping(a, b.peerId(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertTrue(rtt.compareTo(Duration.ofSeconds(5)) < 0);
        assertTrue(waitFor(() -> b.connection(a.peerId()).isPresent()));
        Duration back = b.ping().ping(b, a.peerId(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertTrue(back.toNanos() > 0);

        PeerInfo aboutB = a.identify().identify(a, b.peerId()).get(10, TimeUnit.SECONDS);
        assertEquals(HostConfig.DEFAULT_AGENT, aboutB.agentVersion());
        assertEquals(IdentifyProtocol.PROTOCOL_VERSION, aboutB.protocolVersion());
        assertTrue(aboutB.protocols().containsAll(List.of(PingProtocol.ID, IdentifyProtocol.ID)));
        assertEquals(b.listenAddresses(), aboutB.listenAddresses());
        // b saw a's connection from a's ephemeral port: that is the observed address a learns.
        assertEquals(c.localAddress(), aboutB.observedAddress().orElseThrow());
        assertTrue(a.identify().observedAddresses().contains(c.localAddress()));
        // identify ran automatically on b's side too
        assertTrue(waitFor(() -> b.peerStore().get(a.peerId()).isPresent()));
    }

    @Test
    void secondConnectReusesTheConnection() throws Exception {
        Libp2pHost a = host(3, HostConfig.defaults());
        Libp2pHost b = host(4, HostConfig.defaults());
        Connection first = a.connect(addressOf(b)).get(10, TimeUnit.SECONDS);
        Connection second = a.connect(addressOf(b)).get(10, TimeUnit.SECONDS);
        assertSame(first, second);
        assertEquals(1, a.connections().size());
    }

    @Test
    void simultaneousDialsEndWithOneConnectionBothSidesAgreeOn() throws Exception {
        for (int round = 0; round < 5; round++) {
            Libp2pHost a = host(10 + 2 * round, HostConfig.defaults());
            Libp2pHost b = host(11 + 2 * round, HostConfig.defaults());
            CompletableFuture<Connection> ab = a.connect(addressOf(b));
            CompletableFuture<Connection> ba = b.connect(addressOf(a));
            ab.get(10, TimeUnit.SECONDS);
            ba.get(10, TimeUnit.SECONDS);
            // Converges once both duplicates are registered: each side keeps the same TCP connection.
            assertTrue(waitFor(() -> a.connections().stream().filter(Connection::isOpen).count() == 1
                    && b.connections().stream().filter(Connection::isOpen).count() == 1
                    && sameConnection(a, b)), "both sides keep one and the same connection");
            a.ping().ping(a, b.peerId(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesInboundConnectionsOverTheLimitAndKeepsServing() throws Exception {
        Libp2pHost server = host(30, HostConfig.defaults().withLimits(1, 64));
        Libp2pHost first = host(31, HostConfig.defaults());
        Libp2pHost second = host(32, HostConfig.defaults());
        first.connect(addressOf(server)).get(10, TimeUnit.SECONDS);
        assertTrue(waitFor(() -> server.connections().size() == 1));
        Connection refused = second.connect(addressOf(server)).get(10, TimeUnit.SECONDS);
        assertTrue(waitFor(() -> !refused.isOpen()), "the connection over the limit is closed");
        first.ping().ping(first, server.peerId(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void refusesToDialItselfAndReportsUnreachablePeers() {
        Libp2pHost a = host(40, HostConfig.defaults());
        ExecutionException self = assertThrows(ExecutionException.class,
                () -> a.connect(addressOf(a)).get(10, TimeUnit.SECONDS));
        assertTrue(self.getCause().getMessage().contains("ourselves"));
        assertThrows(ExecutionException.class,
                () -> a.connect(Multiaddr.parse("/ip4/127.0.0.1/tcp/1")).get(15, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class,
                () -> a.newStream(Ed25519KeyPair.generate().peerId(), List.of(PingProtocol.ID), (s, d) -> { })
                        .get(5, TimeUnit.SECONDS));
    }

    @Test
    void closesConnectionsThatCarryNoStreamForTheIdleTimeout() throws Exception {
        Libp2pHost a = host(60, HostConfig.defaults().withIdleTimeout(Duration.ofMillis(600)));
        Libp2pHost b = host(61, HostConfig.defaults());
        Connection c = a.connect(addressOf(b)).get(10, TimeUnit.SECONDS);
        // A stream held open keeps the connection alive past the timeout...
        io.solcial.net.Stream held = c.newStream(List.of(PingProtocol.ID), (s, d) -> { }).get(10, TimeUnit.SECONDS);
        Thread.sleep(1500);
        assertTrue(c.isOpen(), "a connection with an open stream is not idle");
        // ...and once it is gone the connection is closed after the timeout.
        held.reset();
        assertTrue(waitFor(() -> !c.isOpen()), "idle connection closed");
        assertFalse(a.connection(b.peerId()).isPresent());
    }

    @Test
    void firesConnectedAndDisconnectedEvents() throws Exception {
        Libp2pHost a = host(50, HostConfig.defaults());
        Libp2pHost b = host(51, HostConfig.defaults());
        CountDownLatch connected = new CountDownLatch(1);
        CountDownLatch disconnected = new CountDownLatch(1);
        b.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(Connection c) {
                connected.countDown();
            }

            @Override
            public void disconnected(Connection c) {
                disconnected.countDown();
            }
        });
        Connection c = a.connect(addressOf(b)).get(10, TimeUnit.SECONDS);
        assertTrue(connected.await(10, TimeUnit.SECONDS));
        c.close().get(10, TimeUnit.SECONDS);
        assertTrue(disconnected.await(10, TimeUnit.SECONDS));
        assertFalse(b.connection(a.peerId()).isPresent());
    }

    private static boolean sameConnection(Libp2pHost a, Libp2pHost b) {
        var fromA = a.connection(b.peerId());
        var fromB = b.connection(a.peerId());
        return fromA.isPresent() && fromB.isPresent()
                && fromA.get().localAddress().equals(fromB.get().remoteAddress());
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
