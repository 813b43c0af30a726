package io.solcial.exchange.bitswap;

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
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.net.interop.JsHarness;
import io.solcial.net.interop.JsPeer;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Bitswap} against an offline Helia node ({@code interop/helia-peer.mjs}: helia 7.1.15,
 * {@code @helia/bitswap} 4.0.19): 20 MiB UnixFS files both ways with identical CIDs and bytes, and
 * DontHave for a block Helia does not have. Fails under CI=true without the npm install.
 */
@ExtendWith(NettyLeakExtension.class)
class BitswapInteropTest {
    private static final String SCRIPT = "helia-peer.mjs";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int SIZE = 20 * 1024 * 1024;

    private final List<Libp2pHost> hosts = new ArrayList<>();
    private final List<Bitswap> services = new ArrayList<>();

    @BeforeEach
    void requireNode() {
        JsHarness.requireNode();
    }

    @AfterEach
    void stop() {
        services.forEach(Bitswap::close);
        hosts.forEach(h -> h.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    private Bitswap startJava(MemoryBlockstore store, Libp2pHost[] hostOut) {
        Libp2pHost h = new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults(), Clock.systemUTC());
        hosts.add(h);
        Bitswap b = Bitswap.attach(h, store, BitswapConfig.defaults().withGetTimeout(Duration.ofSeconds(60)));
        services.add(b);
        h.start().orTimeout(10, TimeUnit.SECONDS).join();
        hostOut[0] = h;
        return b;
    }

    @Test
    void javaFetchesA20MiBFileAddedByHelia() throws Exception {
        try (JsPeer helia = JsPeer.startScript(SCRIPT, List.of("--add-random", String.valueOf(SIZE), "--seed", "helia-to-java"), TIMEOUT)) {
            Cid root = Cid.parse(helia.awaitValue("root: ", TIMEOUT));
            String[] added = helia.awaitValue("added: ", TIMEOUT).split(" ");
            assertEquals(String.valueOf(SIZE), added[0]);

            // the same bytes imported by Java give the same root CID
            ImportedFile ours = new UnixFsImporter(new MemoryBlockstore()).importStream(new SeededBytes("helia-to-java", SIZE));
            assertEquals(root, ours.root());

            MemoryBlockstore store = new MemoryBlockstore();
            Libp2pHost[] h = new Libp2pHost[1];
            Bitswap client = startJava(store, h);
            h[0].connect(Multiaddr.parse(helia.listenAddr())).get(30, TimeUnit.SECONDS);
            long started = System.nanoTime();
            DagFetchResult result = client.fetchDag(root, store, 16, DagProgress.NONE).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("bitswap helia->java: 20 MiB, %d blocks in %d ms%n", result.blocks(), ms);
            assertEquals(result.blocks(), result.fetchedFromNetwork());
            try (InputStream in = new UnixFsReader(store).open(root)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] data = in.readAllBytes();
                assertEquals(SIZE, data.length);
                assertEquals(added[1], HexFormat.of().formatHex(sha.digest(data)));
            }
            assertEquals(0, client.violations());
        }
    }

    @Test
    void heliaFetchesA20MiBFileAddedByJava() throws Exception {
        MemoryBlockstore store = new MemoryBlockstore();
        Libp2pHost[] h = new Libp2pHost[1];
        Bitswap server = startJava(store, h);
        ImportedFile file = new UnixFsImporter(store).importStream(new SeededBytes("java-to-helia", SIZE));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(SeededBytes.all("java-to-helia", SIZE));
        String address = h[0].listenAddresses().get(0) + "/p2p/" + h[0].peerId();
        long started = System.nanoTime();
        try (JsPeer helia = JsPeer.startScript(SCRIPT, List.of("--dial", address, "--get", file.root().toString()), TIMEOUT)) {
            String got = helia.awaitLine(l -> l.startsWith("got: ") || l.startsWith("error: "), TIMEOUT);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals("got: " + file.root() + " " + SIZE + " " + HexFormat.of().formatHex(expected), got,
                    () -> String.join("\n", helia.lines()) + "\n" + helia.stderr());
            System.out.printf("bitswap java->helia: 20 MiB in %d ms (helia get-ms %s, incl. node start)%n",
                    ms, helia.awaitValue("get-ms: ", TIMEOUT));
            // the server books its sends on its own thread, after the bytes went out: let the books catch up
            io.solcial.identity.PeerId heliaId = io.solcial.identity.PeerId.parse(helia.peerId());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.ledger(heliaId).bytesSent() < SIZE && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertTrue(server.ledger(heliaId).bytesSent() >= SIZE, "ledger: " + server.ledger(heliaId).bytesSent());
        }
    }

    @Test
    void heliaAnswersDontHaveForAMissingBlock() throws Exception {
        try (JsPeer helia = JsPeer.startScript(SCRIPT, List.of(), TIMEOUT)) {
            Libp2pHost[] h = new Libp2pHost[1];
            Bitswap client = startJava(new MemoryBlockstore(), h);
            h[0].connect(Multiaddr.parse(helia.listenAddr())).get(30, TimeUnit.SECONDS);
            Cid missing = Block.create(Multicodec.RAW, "helia does not have this".getBytes()).cid();
            long started = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class, () -> client.get(missing).get(60, TimeUnit.SECONDS));
            assertInstanceOf(BlockNotFoundException.class, e.getCause());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "answered, not timed out");
        }
    }
}
