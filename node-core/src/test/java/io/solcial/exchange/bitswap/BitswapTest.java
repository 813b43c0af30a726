package io.solcial.exchange.bitswap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.content.Block;
import io.solcial.content.ImportedFile;
import io.solcial.content.MemoryBlockstore;
import io.solcial.content.UnixFsImporter;
import io.solcial.content.UnixFsReader;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multiaddr;
import io.solcial.multiformats.Multicodec;
import io.solcial.multiformats.Varint;
import io.solcial.net.Connection;
import io.solcial.net.LengthPrefixedDecoder;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two or three {@link Libp2pHost}s with {@link Bitswap} over loopback TCP. */
@ExtendWith(NettyLeakExtension.class)
class BitswapTest {
    private static final int MIB = 1024 * 1024;
    private final List<Libp2pHost> hosts = new ArrayList<>();
    private final List<Bitswap> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(Bitswap::close);
        hosts.forEach(h -> h.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    private Libp2pHost host() {
        Libp2pHost h = new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults(), Clock.systemUTC());
        hosts.add(h);
        return h;
    }

    private Bitswap bitswap(Libp2pHost h, MemoryBlockstore store, BitswapConfig config) {
        Bitswap b = Bitswap.attach(h, store, config);
        services.add(b);
        h.start().orTimeout(10, TimeUnit.SECONDS).join();
        return b;
    }

    static Multiaddr addressOf(Libp2pHost h) {
        return h.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + h.peerId()));
    }

    @Test
    void fetchesA20MiBUnixFsFileIdentically() throws Exception {
        MemoryBlockstore storeA = new MemoryBlockstore();
        MemoryBlockstore storeB = new MemoryBlockstore();
        Libp2pHost a = host();
        Libp2pHost b = host();
        Bitswap server = bitswap(a, storeA, BitswapConfig.defaults());
        Bitswap client = bitswap(b, storeB, BitswapConfig.defaults());
        byte[] file = SeededBytes.all("java-java", 20 * MIB);
        ImportedFile imported = new UnixFsImporter(storeA).importStream(new ByteArrayInputStream(file));

        b.connect(addressOf(a)).get(10, TimeUnit.SECONDS);
        AtomicLong progressBlocks = new AtomicLong();
        AtomicLong progressBytes = new AtomicLong();
        long started = System.nanoTime();
        DagFetchResult result = client.fetchDag(imported.root(), storeB, 16, (blk, blocks, bytes) -> {
            progressBlocks.set(blocks);
            progressBytes.set(bytes);
        }).get(60, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("bitswap java->java: 20 MiB, %d blocks in %d ms%n", result.blocks(), ms);

        assertEquals(storeA.count(), result.blocks());
        assertEquals(result.blocks(), result.fetchedFromNetwork());
        assertEquals(result.blocks(), progressBlocks.get());
        assertEquals(result.bytes(), progressBytes.get());
        try (InputStream in = new UnixFsReader(storeB).open(imported.root())) {
            assertArrayEquals(sha256(file), sha256(in.readAllBytes()));
        }
        // the server books its sends on its own thread: wait for the books to catch up
        assertTrue(waitFor(() -> server.ledger(b.peerId()).bytesSent() == result.bytes()), "server ledger");
        Ledger sent = server.ledger(b.peerId());
        assertEquals(result.blocks(), sent.blocksSent());
        assertEquals(result.bytes(), client.ledger(a.peerId()).bytesReceived());
        assertTrue(waitFor(() -> server.ledger(b.peerId()).wantlistSize() == 0), "wantlist drained");
        // a second walk finds everything locally
        DagFetchResult again = client.fetchDag(imported.root(), new MemoryBlockstore(), 4, DagProgress.NONE)
                .get(30, TimeUnit.SECONDS);
        assertEquals(0, again.fetchedFromNetwork());
    }

    @Test
    void missingBlockIsAnsweredWithDontHave() throws Exception {
        Libp2pHost a = host();
        Libp2pHost b = host();
        bitswap(a, new MemoryBlockstore(), BitswapConfig.defaults());
        Bitswap client = bitswap(b, new MemoryBlockstore(), BitswapConfig.defaults().withGetTimeout(Duration.ofSeconds(20)));
        b.connect(addressOf(a)).get(10, TimeUnit.SECONDS);
        Cid missing = Block.create(Multicodec.RAW, "nobody has this".getBytes()).cid();
        long started = System.nanoTime();
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.get(missing).get(20, TimeUnit.SECONDS));
        assertInstanceOf(BlockNotFoundException.class, e.getCause());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "DontHave, not the timeout");
    }

    @Test
    void asksSeveralPeersWithWantHaveAndTakesTheBlockFromTheOneThatHasIt() throws Exception {
        MemoryBlockstore full = new MemoryBlockstore();
        Block block = Block.create(Multicodec.RAW, new byte[300_000]);
        full.put(block);
        Libp2pHost a = host();
        Libp2pHost empty = host();
        Libp2pHost c = host();
        Bitswap has = bitswap(a, full, BitswapConfig.defaults());
        bitswap(empty, new MemoryBlockstore(), BitswapConfig.defaults());
        Bitswap client = bitswap(c, new MemoryBlockstore(), BitswapConfig.defaults());
        c.connect(addressOf(a)).get(10, TimeUnit.SECONDS);
        c.connect(addressOf(empty)).get(10, TimeUnit.SECONDS);
        assertEquals(block, client.get(block.cid()).get(20, TimeUnit.SECONDS));
        // The server books the send on its own thread, possibly after the client already has the block.
        assertTrue(waitFor(() -> has.ledger(c.peerId()).bytesSent() == block.size()), "server ledger");
        assertEquals(0, client.ledger(empty.peerId()).bytesReceived());
    }

    @Test
    void finishedWantsAreForgottenAfterTheCancelGrace() throws Exception {
        MemoryBlockstore full = new MemoryBlockstore();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Block block = Block.create(Multicodec.RAW, ("forgotten " + i).getBytes());
            full.put(block);
            blocks.add(block);
        }
        Libp2pHost a = host();
        Libp2pHost b = host();
        bitswap(a, full, BitswapConfig.defaults());
        BitswapConfig shortGrace = new BitswapConfig(1024, BitswapConfig.DEFAULT_MAX_QUEUED_BYTES, 1024,
                Duration.ofSeconds(20), Duration.ofMillis(200));
        Bitswap client = bitswap(b, new MemoryBlockstore(), shortGrace);
        b.connect(addressOf(a)).get(10, TimeUnit.SECONDS);
        for (Block block : blocks) {
            assertEquals(block, client.get(block.cid()).get(20, TimeUnit.SECONDS));
        }
        assertTrue(client.askRecords().get(5, TimeUnit.SECONDS) > 0, "records kept during the grace");
        assertTrue(waitFor(() -> client.askRecords().join() == 0), "records pruned after the grace");
    }

    @Test
    void oversizedMessageClosesTheConnection() throws Exception {
        Libp2pHost a = host();
        Bitswap server = bitswap(a, new MemoryBlockstore(), BitswapConfig.defaults());
        Libp2pHost rogue = host();
        rogue.start().orTimeout(10, TimeUnit.SECONDS).join();
        Connection c = rogue.connect(addressOf(a)).get(10, TimeUnit.SECONDS);
        Stream s = c.newStream(List.of(Bitswap.PROTOCOL_ID), (st, d) -> { }).get(10, TimeUnit.SECONDS);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        Varint.write(Bitswap.MAX_MESSAGE_SIZE + 1, frame);
        frame.writeBytes(new byte[1024]);
        s.write(frame.toByteArray());
        assertTrue(waitFor(() -> !c.isOpen()), "the server hung up");
        assertEquals(1, server.violations());
    }

    @Test
    void peerSendingABlockWeDidNotAskForIsDisconnected() throws Exception {
        Libp2pHost good = host();
        Bitswap client = bitswap(good, new MemoryBlockstore(), BitswapConfig.defaults().withGetTimeout(Duration.ofSeconds(5)));
        // A rogue "server" that answers any want with a block of other bytes.
        Libp2pHost rogue = host();
        Block wrong = Block.create(Multicodec.RAW, "not what you asked for".getBytes());
        rogue.addProtocol(new ProtocolHandler(Bitswap.PROTOCOL_ID, () -> new StreamHandler() {
            @Override
            public void onData(Stream stream, byte[] data) {
                byte[] reply = LengthPrefixedDecoder.frame(new BitswapMessage(List.of(), false, List.of(wrong), List.of(), 0).encode());
                rogue.newStream(stream.remotePeer(), List.of(Bitswap.PROTOCOL_ID), new StreamHandler() {
                    @Override
                    public void onOpen(Stream out) {
                        out.write(reply).thenCompose(v -> out.closeWrite());
                    }

                    @Override
                    public void onData(Stream out, byte[] d) {
                    }
                });
            }
        }));
        rogue.start().orTimeout(10, TimeUnit.SECONDS).join();
        Connection c = good.connect(addressOf(rogue)).get(10, TimeUnit.SECONDS);
        Cid wanted = Block.create(Multicodec.RAW, "what I asked for".getBytes()).cid();
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.get(wanted).get(20, TimeUnit.SECONDS));
        assertTrue(waitFor(() -> !c.isOpen()), "the rogue peer was disconnected");
        assertEquals(1, client.violations());
        assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException, e.toString());
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
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
