package io.solcial.overlay.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.membership.InMemoryMembershipOracle;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.LengthPrefixedDecoder;
import io.solcial.net.Stream;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.overlay.Topic;
import io.solcial.overlay.plumtree.Delivery;
import io.solcial.overlay.plumtree.PayloadValidator;
import io.solcial.overlay.plumtree.PayloadValidator.Validation;
import io.solcial.overlay.wire.HyParViewCodec;
import io.solcial.store.Database;
import io.solcial.store.H2BanStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OverlayServiceTest {
    private static final Topic T = Topic.PUBLIC;
    private final InMemoryMembershipOracle oracle = new InMemoryMembershipOracle().setNetworkSize(8);
    private final List<Libp2pHost> hosts = new ArrayList<>();
    private final List<OverlayService> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(OverlayService::abort);
        hosts.forEach(h -> h.stop().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join());
    }

    private Libp2pHost host(int seed) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        s[1] = 0x33;
        Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(s);
        oracle.register(keys.publicKey());
        Libp2pHost h = new Libp2pHost(keys, HostConfig.defaults(), Clock.systemUTC());
        h.start().orTimeout(10, TimeUnit.SECONDS).join();
        hosts.add(h);
        return h;
    }

    private OverlayService service(Libp2pHost host, BanStore bans, PayloadValidator validator, List<Delivery> out) {
        OverlayService s = new OverlayService(host, oracle, bans, validator, OverlayService.Config.defaults(), out::add);
        services.add(s);
        return s;
    }

    private static Multiaddr address(Libp2pHost h) {
        return h.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + h.peerId()));
    }

    @Test
    void aPeerSendingAMalformedMessageIsDisconnected() throws Exception {
        Libp2pHost a = host(1);
        service(a, BanStore.inMemory(), PayloadValidator.acceptAll(), new CopyOnWriteArrayList<>()).start(List.of())
                .get(10, TimeUnit.SECONDS);
        Libp2pHost rogue = host(2);
        Connection c = rogue.connect(address(a)).get(10, TimeUnit.SECONDS);
        Stream s = c.newStream(List.of(HyParViewCodec.PROTOCOL_ID), (st, d) -> { }).get(10, TimeUnit.SECONDS);
        s.write(LengthPrefixedDecoder.frame(new byte[] {0x0a, 0x00, 0x52, 0x00})).get(10, TimeUnit.SECONDS); // no topic
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> !c.isOpen()), "the connection of a peer sending garbage is closed");
    }

    @Test
    void aPeerBroadcastingAnInvalidPayloadIsBannedPersistentlyAndDisconnected() throws Exception {
        try (Database db = Database.inMemory()) {
            H2BanStore store = new H2BanStore(db, Clock.systemUTC());
            PayloadValidator noBad = p -> new String(p.toByteArray(), StandardCharsets.UTF_8).startsWith("bad")
                    ? new Validation.Invalid("bad signature") : Validation.VALID;
            List<Delivery> atA = new CopyOnWriteArrayList<>();
            Libp2pHost a = host(10);
            OverlayService sa = service(a, store, noBad, atA);
            sa.start(List.of()).get(10, TimeUnit.SECONDS);
            Libp2pHost b = host(11);
            OverlayService sb = service(b, BanStore.inMemory(), PayloadValidator.acceptAll(), new CopyOnWriteArrayList<>());
            sb.start(List.of(address(a))).get(10, TimeUnit.SECONDS);
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> sa.activeView(T).contains(b.peerId())));

            sb.broadcast(T, Bytes.of("good".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> atA.size() == 1), "a valid payload is delivered");
            sb.broadcast(T, Bytes.of("bad one".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> sa.bans().contains(b.peerId())), "the sender of an invalid payload is banned");
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> a.connection(b.peerId()).isEmpty()), "and disconnected");
            assertFalse(sa.activeView(T).contains(b.peerId()));
            assertEquals(1, atA.size(), "the invalid payload is not delivered");
            assertTrue(store.load().contains(b.peerId()), "the ban is in the bans table");

            // a restarted node loads the ban and refuses the peer's connections
            sa.abort();
            a.stop().get(10, TimeUnit.SECONDS);
            Libp2pHost a2 = host(12);
            OverlayService sa2 = service(a2, new H2BanStore(db, Clock.systemUTC()), noBad, new CopyOnWriteArrayList<>());
            sa2.start(List.of()).get(10, TimeUnit.SECONDS);
            assertTrue(sa2.bans().contains(b.peerId()), "bans survive a restart");
            Connection back = b.connect(address(a2)).get(10, TimeUnit.SECONDS);
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> !back.isOpen()), "a banned peer's connection is closed on sight");
        }
    }
}
