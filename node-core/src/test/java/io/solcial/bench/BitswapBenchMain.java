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
import java.lang.management.ManagementFactory;
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
 * which times its {@code fs.cat} after dialling). Each round runs one fetch of each kind, by a
 * fresh client, so that on a busy machine all kinds see the same load; figures are medians over the
 * rounds after a warm-up round; MB = 10^6 bytes.
 *
 * <pre>mvn -B -q -pl node-core -Pbench test-compile exec:exec -Dbench.args=bitswap</pre>
 * ({@code -Dbench.args="bitswap --quick"}: 2 rounds; system property {@code bitswap.parallel}
 * sets the Java blocks in flight when running the class directly). Helia figures need {@code npm install --no-save}
 * in {@code interop/}.
 */
public final class BitswapBenchMain {
    private static final int MIB = 1024 * 1024;
    private static final int SIZE = 64 * MIB;
    private static final int PARALLELISM = Integer.getInteger("bitswap.parallel", 16);
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final String HELIA = "helia-peer.mjs";
    /** CPU ms per MiB of each Java fetch into memory (server and client together), in order. */
    private static final List<Double> JAVA_CPU = new ArrayList<>();

    private BitswapBenchMain() {
    }

    private interface Run {
        double mbPerSecond() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int runs = quick ? 2 : 5;
        System.out.printf(Locale.ROOT, "== Bitswap (loopback; 64 MiB UnixFS file; %d rounds after a warm-up round, each round"
                + " one fetch of each kind by a fresh client, interleaved so that all see the same load; medians)%n", runs);

        byte[] file = new byte[SIZE];
        new Random(6).nextBytes(file);
        MemoryBlockstore served = new MemoryBlockstore();
        ImportedFile imported = new UnixFsImporter(served).importStream(new ByteArrayInputStream(file));
        Libp2pHost server = host();
        Bitswap.attach(server, served, BitswapConfig.defaults());
        server.start().get(10, TimeUnit.SECONDS);
        Multiaddr address = server.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + server.peerId()));
        Run memory = () -> javaFetch(address, imported.root(), served.count(), null);
        Run h2 = () -> {
            Path dir = Files.createTempDirectory("bitswap-bench");
            try {
                return javaFetch(address, imported.root(), served.count(), dir);
            } finally {
                deleteTree(dir);
            }
        };
        try (HeliaPair helia = HeliaPair.start()) {
            List<List<Double>> results = new ArrayList<>();
            for (int round = 0; round <= runs; round++) {
                List<Double> r = List.of(memory.mbPerSecond(), h2.mbPerSecond(), helia == null ? -1 : helia.fetch());
                System.out.printf(Locale.ROOT, "  %s: Java memory %.1f, Java H2 %.1f, Helia %.1f MB/s%n",
                        round == 0 ? "warm-up" : "round " + round, r.get(0), r.get(1), r.get(2));
                if (round > 0) {
                    results.add(r);
                }
            }
            List<Double> cpu = JAVA_CPU.subList(1, JAVA_CPU.size()).stream().sorted().toList();
            System.out.printf(Locale.ROOT, "Java->Java into memory, CPU of both ends (whole JVM): %.1f ms per MiB (median)%n",
                    cpu.get(cpu.size() / 2));
            double java = median(results, 0);
            System.out.printf(Locale.ROOT, "Java->Java, into memory (%2d blocks in flight):      %8.1f MB/s%n", PARALLELISM, java);
            System.out.printf(Locale.ROOT, "Java->Java, into an H2 file store:                  %8.1f MB/s%n", median(results, 1));
            if (helia == null) {
                System.out.println("Helia->Helia: skipped (no interop install; run npm install --no-save in interop/)");
            } else {
                double h = median(results, 2);
                System.out.printf(Locale.ROOT, "Helia->Helia (helia 7.1.15, @helia/bitswap 4.0.19): %8.1f MB/s%n", h);
                List<Double> ratios = results.stream().map(r -> r.get(0) / r.get(2)).sorted().toList();
                System.out.printf(Locale.ROOT, "ratio Java/Helia (memory stores): %.2f of the medians; per round %s (goal >= 1.0)%n",
                        java / h, ratios.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
            }
        } finally {
            server.stop().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static double median(List<List<Double>> rounds, int column) {
        List<Double> values = rounds.stream().map(r -> r.get(column)).sorted().toList();
        return values.get(values.size() / 2);
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
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            DagFetchResult r = bitswap.fetchDag(root, store, PARALLELISM, DagProgress.NONE).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            double rate = rate(r.bytes(), start);
            if (dir == null) {
                JAVA_CPU.add((processCpuNanos() - cpuBefore) / 1e6 / (r.bytes() / (double) MIB));
            }
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

    /** A Helia node holding the file; each {@link #fetch} is a new Helia node fetching it. */
    private static final class HeliaPair implements AutoCloseable {
        private final JsPeer seeder;
        private final String root;
        private final String added;

        private HeliaPair(JsPeer seeder) {
            this.seeder = seeder;
            this.root = seeder.awaitValue("root: ", TIMEOUT);
            this.added = seeder.awaitValue("added: ", TIMEOUT);
        }

        /** The pair, or null when the interop install is missing. */
        static HeliaPair start() throws Exception {
            try {
                return new HeliaPair(JsPeer.startScript(HELIA, List.of("--add-random", String.valueOf(SIZE), "--seed", "bench"), TIMEOUT));
            } catch (org.opentest4j.TestAbortedException e) {
                return null;
            }
        }

        double fetch() throws Exception {
            try (JsPeer getter = JsPeer.startScript(HELIA, List.of("--dial", seeder.listenAddr(), "--get", root,
                    "--timeout", String.valueOf(TIMEOUT.toSeconds())), TIMEOUT)) {
                String got = getter.awaitLine(l -> l.startsWith("got: ") || l.startsWith("error: "), TIMEOUT);
                if (!got.equals("got: " + root + " " + added)) {
                    throw new IllegalStateException("helia get: " + got + " (expected " + added + ")");
                }
                return SIZE / 1e6 / (Double.parseDouble(getter.awaitValue("get-ms: ", TIMEOUT)) / 1e3);
            }
        }

        @Override
        public void close() {
            seeder.close();
        }
    }

    /** CPU time of this whole JVM (both Java ends and everything else in it). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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
