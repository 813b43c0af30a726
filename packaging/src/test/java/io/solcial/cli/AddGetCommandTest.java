package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.content.MemoryBlockstore;
import io.solcial.content.UnixFsImporter;
import io.solcial.exchange.bitswap.Bitswap;
import io.solcial.exchange.bitswap.BitswapConfig;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.net.interop.JsPeer;
import io.solcial.store.Database;
import io.solcial.store.H2Blockstore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddGetCommandTest {
    @TempDir
    Path dir;

    private Libp2pHost server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private byte[] randomFile(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A Java peer serving {@code content} over Bitswap; returns its root CID. */
    private Cid serve(byte[] content) throws Exception {
        MemoryBlockstore store = new MemoryBlockstore();
        Cid root = new UnixFsImporter(store).importStream(new ByteArrayInputStream(content)).root();
        server = new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults(), Clock.systemUTC());
        server.start().orTimeout(10, TimeUnit.SECONDS).join();
        Bitswap.attach(server, store, BitswapConfig.defaults());
        return root;
    }

    private String serverAddress() {
        return server.listenAddresses().get(0) + "/p2p/" + server.peerId();
    }

    @Test
    void addPrintsTheUnixFsCidAndPinsTheFileInTheNodeStore() throws Exception {
        byte[] content = randomFile(700_000);
        Path file = Files.write(dir.resolve("photo.bin"), content);
        Path data = dir.resolve("node");
        CliHarness.Result r = new CliHarness().run("add", file.toString(), "--data", data.toString());
        assertEquals(0, r.exitCode(), r.err());
        Cid expected = new UnixFsImporter(new MemoryBlockstore()).importStream(new ByteArrayInputStream(content)).root();
        assertEquals(List.of(expected.toString()), r.outLines());
        try (Database db = Database.openFile(data); H2Blockstore store = new H2Blockstore(db)) {
            assertTrue(store.pins().contains(expected));
            assertEquals(4, store.count(), "three 256 KiB leaves and their parent");
        }
    }

    @Test
    void getFetchesVerifiesAndWritesTheFileFromAJavaPeer() throws Exception {
        byte[] content = randomFile(3_000_000);
        Cid root = serve(content);
        Path out = dir.resolve("out.bin");
        Path data = dir.resolve("keep");
        CliHarness.Result r = new CliHarness().run("get", root.toString(), "--from", serverAddress(),
                "--out", out.toString(), "--data", data.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("fetched: " + root + " 3000000 bytes"), r.out());
        assertArrayEquals(content, Files.readAllBytes(out));
        try (Database db = Database.openFile(data); H2Blockstore store = new H2Blockstore(db)) {
            assertTrue(store.pins().contains(root), "--data keeps the fetched DAG, pinned");
        }
    }

    @Test
    void getFailsCleanlyWhenThePeerDoesNotHaveTheFileAndWritesNothing() throws Exception {
        serve(new byte[] {1});
        Cid missing = new UnixFsImporter(new MemoryBlockstore()).importStream(new ByteArrayInputStream(randomFile(10)))
                .root();
        Path out = dir.resolve("never.bin");
        CliHarness.Result r = new CliHarness().run("get", missing.toString(), "--from", serverAddress(),
                "--out", out.toString(), "--timeout", "10");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial file left");
        }
    }

    @Test
    void usageErrors() throws Exception {
        assertEquals(2, new CliHarness().run("get", "not-a-cid", "--from", "/ip4/127.0.0.1/tcp/1/p2p/"
                + Ed25519KeyPair.generate().peerId(), "--out", dir.resolve("x").toString()).exitCode());
        assertEquals(2, new CliHarness().run("get", "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
                "--from", "/ip4/127.0.0.1/tcp/1", "--out", dir.resolve("x").toString()).exitCode());
        assertEquals(2, new CliHarness().run("add", "file-only").exitCode());
        assertEquals(1, new CliHarness().run("add", dir.resolve("missing").toString(), "--data",
                dir.resolve("d").toString()).exitCode());
    }

    @Test
    void getFetchesAFileAddedByHelia() throws Exception {
        try (JsPeer helia = JsPeer.startScript("helia-peer.mjs", List.of("--add-random", "2000000", "--seed", "cli"),
                Duration.ofSeconds(60))) {
            String root = helia.awaitLine(l -> l.startsWith("root: "), Duration.ofSeconds(60)).substring(6);
            String added = helia.awaitLine(l -> l.startsWith("added: "), Duration.ofSeconds(60));
            Path out = dir.resolve("from-helia.bin");
            CliHarness.Result r = new CliHarness().run("get", root, "--from", helia.listenAddr(), "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err());
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out)));
            assertEquals("added: 2000000 " + sha, added);
        }
    }
}
