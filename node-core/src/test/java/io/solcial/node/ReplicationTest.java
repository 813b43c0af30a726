package io.solcial.node;

import static io.solcial.node.NodeNetwork.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.content.Block;
import io.solcial.content.MemoryBlockstore;
import io.solcial.content.StoreException;
import io.solcial.content.UnixFsReader;
import io.solcial.exchange.bitswap.Bitswap;
import io.solcial.exchange.bitswap.BitswapConfig;
import io.solcial.exchange.sync.HeadResponse;
import io.solcial.exchange.sync.SyncCodec;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.log.Entry;
import io.solcial.log.EntryCodec;
import io.solcial.log.LogEntry;
import io.solcial.log.PostContent;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.RequestResponse;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 6's end-to-end scenarios: in-process nodes over real loopback TCP. */
@ExtendWith(NettyLeakExtension.class)
class ReplicationTest {
    private final NodeNetwork net = new NodeNetwork();

    @AfterEach
    void close() {
        net.close();
    }

    @Test
    void aFollowerHasAPostAndItsImageWithinTwoSeconds() throws Exception {
        Node b = net.start(NodeConfig.Role.USER);
        Node a = net.follower(b);
        assertTrue(await(() -> a.activeView(io.solcial.overlay.Topic.CONTENT).contains(b.peerId()), Duration.ofSeconds(5)));

        byte[] image = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(image);
        long t0 = System.nanoTime();
        LogEntry post = b.post("hello from B", List.of(MediaUpload.of(image, "image/png", "cat.png")));
        boolean arrived = await(() -> hasPostWithMedia(a, post), Duration.ofSeconds(2));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(arrived, "post and image at A within 2 s (waited " + ms + " ms)");

        PostView seen = a.feed(10, Optional.empty()).items().get(0);
        assertEquals(post.cid(), seen.entry());
        assertEquals("hello from B", seen.content().orElseThrow().text());
        PostContent.Media media = seen.content().orElseThrow().media().get(0);
        try (InputStream in = new UnixFsReader(a.blockstore()).open(media.cid())) {
            assertArrayEquals(image, in.readAllBytes());
        }
        assertTrue(a.blockstore().isPinned(media.cid()), "the image is pinned at the follower");
    }

    private static boolean hasPostWithMedia(Node a, LogEntry post) {
        try {
            Optional<ThreadView> t = a.reader().thread(post.cid());
            if (t.isEmpty() || t.get().post().content().isEmpty()) {
                return false;
            }
            PostContent.Media m = t.get().post().content().get().media().get(0);
            try (InputStream in = new UnixFsReader(a.blockstore()).open(m.cid())) {
                return in.readAllBytes().length == 3 * 1024 * 1024;
            }
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aNewFollowerSyncsAHundredEntriesFromAnotherFollowerWhileTheAuthorIsOffline() throws Exception {
        Node b = net.start(NodeConfig.Role.USER);
        Node c = net.follower(b);
        for (int i = 0; i < 100; i++) {
            b.post("entry " + i, List.of());
        }
        assertTrue(await(() -> count(c, b) == 100, Duration.ofSeconds(20)), "C replicated B's 100 entries");
        net.stop(b);

        Node d = net.start(NodeConfig.Role.USER, x -> x.withBootstrap(c.addresses()));
        d.joined().get(10, TimeUnit.SECONDS);
        d.follow(b.account());
        assertTrue(await(() -> count(d, b) == 100, Duration.ofSeconds(20)), "D has all 100 of B's entries from C");
        assertEquals(postCids(c, b), postCids(d, b));
        assertEquals(100, d.reader().profile(b.account(), 100, Optional.empty()).orElseThrow().postCount());
    }

    private static List<io.solcial.multiformats.Cid> postCids(Node n, Node author) throws StoreException {
        return n.reader().profile(author.account(), 100, Optional.empty()).orElseThrow().posts().items().stream()
                .map(PostView::entry).toList();
    }

    private static long count(Node n, Node author) {
        try {
            return n.reader().profile(author.account(), 1, Optional.empty()).map(ProfileView::entries).orElse(0L);
        } catch (StoreException e) {
            return -1;
        }
    }

    @Test
    void aTamperedEntryIsRejectedItsSeederBannedAndTheHonestCopyFetched() throws Exception {
        Node b = net.start(NodeConfig.Role.USER);
        Node honest = net.follower(b);
        LogEntry real = b.post("the real post", List.of());
        assertTrue(await(() -> count(honest, b) == 1, Duration.ofSeconds(10)));
        net.stop(b);

        // M serves a copy of B's entry with a changed timestamp and B's old signature
        Entry e = real.entry();
        Entry forged = new Entry(e.author(), e.prev(), e.seq(), e.action(), e.timestamp() - 1, e.params(), e.signature());
        Block forgedBlock = EntryCodec.encode(forged);
        MemoryBlockstore mStore = new MemoryBlockstore();
        mStore.put(forgedBlock);
        Libp2pHost m = new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults()
                .withListenAddresses(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))), Clock.systemUTC());
        Bitswap mBitswap = Bitswap.attach(m, mStore, BitswapConfig.defaults());
        HeadResponse lie = new HeadResponse(List.of(forgedBlock.cid()), 7, 7, List.of(forgedBlock.cid()), false);
        m.addProtocol(RequestResponse.server(SyncCodec.PROTOCOL_ID, SyncCodec.MAX_REQUEST_SIZE,
                (peer, req) -> CompletableFuture.completedFuture(SyncCodec.encode(lie))));
        try {
            m.start().get(10, TimeUnit.SECONDS);
            Node a = net.start(NodeConfig.Role.USER);
            a.connect(m.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + m.peerId())))
                    .get(10, TimeUnit.SECONDS);
            a.connect(honest.addresses().get(0)).get(10, TimeUnit.SECONDS);
            a.follow(b.account());

            assertTrue(await(() -> a.bans().contains(m.peerId()), Duration.ofSeconds(10)), "M is banned");
            assertTrue(await(() -> count(a, b) == 1, Duration.ofSeconds(10)), "the honest entry arrived");
            assertTrue(a.reader().thread(real.cid()).isPresent());
            assertFalse(a.reader().block(forgedBlock.cid()).isPresent(), "the forged entry was not stored");
            assertTrue(await(() -> a.connectedPeers().stream().noneMatch(p -> p.equals(m.peerId())),
                    Duration.ofSeconds(5)), "M is disconnected");
        } finally {
            mBitswap.close();
            m.stop().get(10, TimeUnit.SECONDS);
        }
    }
}
