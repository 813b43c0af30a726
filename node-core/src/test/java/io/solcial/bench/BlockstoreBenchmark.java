package io.solcial.bench;

import io.solcial.content.Block;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import io.solcial.store.Database;
import io.solcial.store.H2Blockstore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The H2 blockstore in file mode (as a node runs it) putting and getting 1,000 blocks of 64 KiB.
 * Baseline in the same run: one plain file per block (what a flat-file datastore does), read back
 * with the same hash check. Scores are blocks per second; the summary adds MB/s.
 */
@BenchmarkMode(Mode.Throughput)
public class BlockstoreBenchmark {
    private static final int BLOCKS = 1000;

    /** The 1,000 blocks, made once. */
    @State(Scope.Benchmark)
    public static class Blocks {
        @Param({"65536"})
        public int size;
        Block[] blocks;

        @Setup(Level.Trial)
        public void make() {
            Random random = new Random(3);
            blocks = new Block[BLOCKS];
            for (int i = 0; i < BLOCKS; i++) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                blocks[i] = Block.create(Multicodec.RAW, data);
            }
        }
    }

    /** A fresh, empty H2 store and a fresh directory for the baseline, before every batch. */
    @State(Scope.Thread)
    public static class Stores {
        Path dir;
        Database db;
        H2Blockstore h2;
        Path files;

        @Setup(Level.Invocation)
        public void open() throws Exception {
            dir = Files.createTempDirectory("solcial-bench");
            db = Database.openFile(dir.resolve("db"));
            h2 = new H2Blockstore(db);
            files = Files.createDirectories(dir.resolve("files"));
        }

        @TearDown(Level.Invocation)
        public void close() throws Exception {
            h2.close();
            db.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The fresh stores (a dependency, so JMH opens them first) filled with the 1,000 blocks, for gets. */
    @State(Scope.Thread)
    public static class FilledStores {
        Stores stores;

        @Setup(Level.Invocation)
        public void fill(Blocks b, Stores s) throws Exception {
            stores = s;
            for (Block block : b.blocks) {
                s.h2.put(block);
                Files.write(fileOf(s.files, block.cid()), block.bytes());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public long putH2(Blocks b, Stores s) throws Exception {
        for (Block block : b.blocks) {
            s.h2.put(block);
        }
        return s.h2.count();
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public long putFilesBaseline(Blocks b, Stores s) throws IOException {
        for (Block block : b.blocks) {
            Files.write(fileOf(s.files, block.cid()), block.bytes());
        }
        return BLOCKS;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public long getH2(Blocks b, FilledStores s) throws Exception {
        long total = 0;
        for (Block block : b.blocks) {
            total += s.stores.h2.get(block.cid()).orElseThrow().size();
        }
        return total;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public long getFilesBaseline(Blocks b, FilledStores s) throws Exception {
        long total = 0;
        for (Block block : b.blocks) {
            total += Block.verified(block.cid(), Files.readAllBytes(fileOf(s.stores.files, block.cid()))).size();
        }
        return total;
    }

    private static Path fileOf(Path dir, Cid cid) {
        return dir.resolve(cid.toString());
    }
}
