package io.solcial.bench;

import io.solcial.content.Blockstore;
import io.solcial.content.ImportedFile;
import io.solcial.content.MemoryBlockstore;
import io.solcial.content.UnixFsImporter;
import io.solcial.exchange.bitswap.Bitswap;
import io.solcial.exchange.bitswap.BitswapConfig;
import io.solcial.exchange.bitswap.DagFetchResult;
import io.solcial.exchange.bitswap.DagProgress;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.net.interop.JsPeer;
import io.solcial.store.Database;
import io.solcial.store.H2Blockstore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Bitswap figures for issue 6, in one run on loopback: a 64 MiB UnixFS file (CIDv1, raw leaves,
 * 256 KiB chunks: 257 blocks) fetched Java→Java ({@link Bitswap#fetchDag}, 16 blocks in flight,
 * like {@code solcial get}) into an in-memory store and into an H2 file store, and Helia→Helia (two
 * {@code interop/helia-peer.mjs} processes: {@code --add-random} on one, {@code --get} on the other,
 * which times its {@code fs.cat} after dialling). Each figure is the median of several fetches
 * after a warm-up, each by a fresh client; MB = 10^6 bytes.
 *
 * <pre>mvn -B -q -pl node-core -Pbench test-compile exec:exec -Dbench.args=bitswap</pre>
 * ({@code -Dbench.args="bitswap --quick"}: 2 runs). Helia figures need {@code npm install --no-save}
 * in {@code interop/}.
 */
public final class BitswapBenchMain {
    private static final int MIB = 1024 * 1024;
    private static final int SIZE = 64 * MIB;
    private static final int PARALLELISM = Integer.getInteger("bitswap.parallel", 16);
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final String HELIA = "helia-peer.mjs";

    private BitswapBenchMain() {
    }

    interface Run {
        double mbPerSecond() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int runs = quick ? 2 : 5;
        System.out.printf(Locale.ROOT, "== Bitswap (loopback; 64 MiB UnixFS file; median of %d after a warm-up; fresh client per fetch)%n", runs);

        byte[] file = new byte[SIZE];
        new Random(6).nextBytes(file);
        MemoryBlockstore served = new MemoryBlockstore();
        ImportedFile imported = new UnixFsImporter(served).importStream(new ByteArrayInputStream(file));
        Libp2pHost server = host();
        Bitswap.attach(server, served, BitswapConfig.defaults());
        server.start().get(10, TimeUnit.SECONDS);
        Multiaddr address = server.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + server.peerId()));
        double java;
        double javaH2;
        try {
            java = median(runs, () -> javaFetch(address, imported.root(), served.count(), null));
            System.out.printf(Locale.ROOT, "Java->Java, into memory (%2d blocks in flight):       %8.1f MB/s%n", PARALLELISM, java);
            javaH2 = median(runs, () -> {
                Path dir = Files.createTempDirectory("bitswap-bench");
                try {
                    return javaFetch(address, imported.root(), served.count(), dir);
                } finally {
                    deleteTree(dir);
                }
            });
            System.out.printf(Locale.ROOT, "Java->Java, into an H2 file store:                  %8.1f MB/s%n", javaH2);
        } finally {
            server.stop().get(10, TimeUnit.SECONDS);
        }
        double helia = heliaToHelia(Math.min(runs, 3));
        if (helia > 0) {
            System.out.printf(Locale.ROOT, "Helia->Helia (helia 7.1.15, @helia/bitswap 4.0.19): %8.1f MB/s%n", helia);
            System.out.printf(Locale.ROOT, "ratio Java/Helia (memory stores): %.2f (goal >= 1.0)%n", java / helia);
        } else {
            System.out.println("Helia->Helia: skipped (no interop install; run npm install --no-save in interop/)");
        }
        System.exit(0);
    }

    private static Libp2pHost host() {
        return new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults(), Clock.systemUTC());
    }

    /** One fetch of the whole DAG by a new client host; into H2 under {@code dir} if given, else memory. */
    private static double javaFetch(Multiaddr server, Cid root, long blocks, Path dir) throws Exception {
        Libp2pHost client = host();
        Database db = dir == null ? null : Database.openFile(dir);
        Blockstore store = db == null ? new MemoryBlockstore() : new H2Blockstore(db);
        try (Bitswap bitswap = Bitswap.attach(client, store, BitswapConfig.defaults().withGetTimeout(TIMEOUT))) {
            client.start().get(10, TimeUnit.SECONDS);
            client.connect(server).get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            DagFetchResult r = bitswap.fetchDag(root, store, PARALLELISM, DagProgress.NONE).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            double rate = rate(r.bytes(), start);
            if (r.blocks() != blocks || r.fetchedFromNetwork() != blocks) {
                throw new IllegalStateException("fetched " + r + ", expected " + blocks + " blocks");
            }
            return rate;
        } finally {
            client.stop().get(10, TimeUnit.SECONDS);
            store.close();
            if (db != null) {
                db.close();
            }
        }
    }

    private static double heliaToHelia(int runs) throws Exception {
        try (JsPeer seeder = JsPeer.startScript(HELIA, List.of("--add-random", String.valueOf(SIZE), "--seed", "bench"), TIMEOUT)) {
            String root = seeder.awaitValue("root: ", TIMEOUT);
            String added = seeder.awaitValue("added: ", TIMEOUT);
            return median(runs, () -> {
                try (JsPeer getter = JsPeer.startScript(HELIA, List.of("--listen", "/ip4/127.0.0.1/tcp/0", "--dial",
                        seeder.listenAddr(), "--get", root, "--timeout", String.valueOf(TIMEOUT.toSeconds())), TIMEOUT)) {
                    String got = getter.awaitLine(l -> l.startsWith("got: ") || l.startsWith("error: "), TIMEOUT);
                    if (!got.equals("got: " + root + " " + added)) {
                        throw new IllegalStateException("helia get: " + got + " (expected " + added + ")");
                    }
                    return SIZE / 1e6 / (Double.parseDouble(getter.awaitValue("get-ms: ", TIMEOUT)) / 1e3);
                }
            });
        } catch (org.opentest4j.TestAbortedException e) {
            return -1;
        }
    }

    private static double median(int runs, Run run) throws Exception {
        run.mbPerSecond(); // warm-up
        List<Double> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            results.add(run.mbPerSecond());
        }
        Collections.sort(results);
        System.out.printf(Locale.ROOT, "  runs: %s%n", results.stream().map(r -> String.format(Locale.ROOT, "%.1f", r)).toList());
        return results.get(results.size() / 2);
    }

    private static double rate(long bytes, long startNanos) {
        return bytes / 1e6 / ((System.nanoTime() - startNanos) / 1e9);
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
