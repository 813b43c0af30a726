package io.solcial.exchange.bitswap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.content.Block;
import io.solcial.content.MemoryBlockstore;
import io.solcial.exchange.bitswap.BitswapMessage.Entry;
import io.solcial.exchange.bitswap.BitswapMessage.Presence;
import io.solcial.exchange.bitswap.BitswapMessage.WantType;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server side of {@link Bitswap} against a hand-driven peer ({@link RawBitswapPeer}). */
@ExtendWith(NettyLeakExtension.class)
class BitswapServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<AutoCloseable> open = new ArrayList<>();
    private Libp2pHost serverHost;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Bitswap server(MemoryBlockstore store, BitswapConfig config) {
        serverHost = new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults(), Clock.systemUTC());
        open.add(() -> serverHost.stop().orTimeout(10, TimeUnit.SECONDS).join());
        Bitswap b = Bitswap.attach(serverHost, store, config);
        open.add(b);
        serverHost.start().orTimeout(10, TimeUnit.SECONDS).join();
        return b;
    }

    private RawBitswapPeer peer(RawBitswapPeer p) throws Exception {
        open.add(p);
        p.connect(serverHost);
        return p;
    }

    private static Block block(String name, int size) {
        byte[] data = new byte[size];
        byte[] tag = name.getBytes();
        System.arraycopy(tag, 0, data, 0, Math.min(tag.length, size));
        return Block.create(Multicodec.RAW, data);
    }

    private static Entry want(Block b, WantType type) {
        return Entry.want(b.cid(), type, false);
    }

    @Test
    void responsesCarryTheBytesStillQueuedForThePeer() throws Exception {
        MemoryBlockstore store = new MemoryBlockstore();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Block b = block("pending-" + i, 300_000);
            store.put(b);
            blocks.add(b);
        }
        // two blocks in flight at a time: three response messages
        BitswapConfig config = new BitswapConfig(1024, 600_000, 1024, Duration.ofSeconds(30), Duration.ofSeconds(30));
        Bitswap server = server(store, config);
        RawBitswapPeer client = peer(new RawBitswapPeer());
        client.send(serverHost.peerId(), BitswapMessage.ofWants(blocks.stream().map(b -> want(b, WantType.BLOCK)).toList()));

        List<BitswapMessage> responses = new ArrayList<>();
        long total = 6L * 300_000;
        long received = 0;
        while (received < total) {
            BitswapMessage m = client.next(WAIT);
            assertNotNull(m, "all blocks arrive");
            responses.add(m);
            received += m.blocks().stream().mapToLong(Block::size).sum();
        }
        assertTrue(responses.size() > 1, "the budget splits the answer");
        // each message says how many block bytes are still to come after it
        responses.sort(Comparator.comparingInt(BitswapMessage::pendingBytes).reversed());
        long sent = 0;
        for (BitswapMessage m : responses) {
            sent += m.blocks().stream().mapToLong(Block::size).sum();
            assertEquals(total - sent, m.pendingBytes(), "pendingBytes after " + sent + " bytes");
        }
        assertTrue(BitswapTest.waitFor(() -> server.ledger(client.peerId()).blocksSent() == 6), "books");
        assertEquals(0, server.ledger(client.peerId()).pendingBytesToSend());
    }

    @Test
    void theLedgerKeepsThePendingBytesAPeerReported() throws Exception {
        Block wanted = block("reported", 1000);
        RawBitswapPeer seeder = new RawBitswapPeer(m -> m.wants().isEmpty() ? null
                : new BitswapMessage(List.of(), false, List.of(wanted), List.of(), 4242));
        Bitswap client = server(new MemoryBlockstore(), BitswapConfig.defaults());
        peer(seeder);
        assertEquals(wanted, client.get(wanted.cid()).get(10, TimeUnit.SECONDS));
        assertTrue(BitswapTest.waitFor(() -> client.ledger(seeder.peerId()).pendingBytesToReceive() == 4242),
                "ledger: " + client.ledger(seeder.peerId()));
    }

    @Test
    void wantsForBlocksThatArriveLaterAreServedWhileStillWanted() throws Exception {
        MemoryBlockstore store = new MemoryBlockstore();
        Bitswap server = server(store, BitswapConfig.defaults());
        RawBitswapPeer client = peer(new RawBitswapPeer());
        Block big = block("later-block", 5000);
        Block small = block("later-small", 100);
        Block haveOnly = block("later-have", 5000);
        Block cancelled = block("later-cancelled", 5000);
        client.send(serverHost.peerId(), BitswapMessage.ofWants(List.of(want(big, WantType.BLOCK), want(small, WantType.HAVE),
                want(haveOnly, WantType.HAVE), want(cancelled, WantType.BLOCK))));
        client.send(serverHost.peerId(), BitswapMessage.ofWants(List.of(Entry.cancel(cancelled.cid()))));
        assertTrue(BitswapTest.waitFor(() -> server.ledger(client.peerId()).wantlistSize() == 3), "wantlist of 3");
        assertNull(client.next(Duration.ofMillis(300)), "nothing to say yet (no send-dont-have)");

        for (Block b : List.of(big, small, haveOnly, cancelled)) {
            store.put(b);
            server.notifyNewBlock(b);
        }
        Set<Cid> blocks = new HashSet<>();
        Map<Cid, Boolean> presences = new HashMap<>();
        while (blocks.size() + presences.size() < 3) {
            BitswapMessage m = client.next(WAIT);
            assertNotNull(m, "answered once the blocks are stored; so far " + blocks + " " + presences);
            m.blocks().forEach(b -> blocks.add(b.cid()));
            m.presences().forEach(p -> presences.put(p.cid(), p.have()));
        }
        assertEquals(Set.of(big.cid(), small.cid()), blocks, "want-block and a small want-have get the block");
        assertEquals(Map.of(haveOnly.cid(), true), presences, "a large want-have gets Have");
        assertNull(client.next(Duration.ofMillis(300)), "a cancelled want is not served");
        assertEquals(0, server.ledger(client.peerId()).wantlistSize());
    }

    @Test
    void aBlockFetchedIntoTheStoreServesPeersWaitingForIt() throws Exception {
        Block wanted = block("relayed", 20_000);
        MemoryBlockstore origin = new MemoryBlockstore();
        origin.put(wanted);
        MemoryBlockstore store = new MemoryBlockstore();
        Bitswap middle = server(store, BitswapConfig.defaults());
        RawBitswapPeer waiting = peer(new RawBitswapPeer());
        waiting.send(serverHost.peerId(), BitswapMessage.ofWants(List.of(want(wanted, WantType.BLOCK))));
        assertTrue(BitswapTest.waitFor(() -> middle.ledger(waiting.peerId()).wantlistSize() == 1), "wanted");

        Libp2pHost originHost = new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults(), Clock.systemUTC());
        open.add(() -> originHost.stop().orTimeout(10, TimeUnit.SECONDS).join());
        open.add(Bitswap.attach(originHost, origin, BitswapConfig.defaults()));
        originHost.start().orTimeout(10, TimeUnit.SECONDS).join();
        serverHost.connect(BitswapTest.addressOf(originHost)).get(10, TimeUnit.SECONDS);
        middle.fetchDag(wanted.cid(), store, 4, DagProgress.NONE).get(10, TimeUnit.SECONDS);

        // the middle's own want-have for the block reaches the waiting peer too: skip wantlists
        BitswapMessage m;
        do {
            m = waiting.next(WAIT);
            assertNotNull(m, "the waiting peer was served");
        } while (m.blocks().isEmpty());
        assertEquals(List.of(wanted), m.blocks());
        assertEquals(List.<Presence>of(), m.presences());
    }
}
