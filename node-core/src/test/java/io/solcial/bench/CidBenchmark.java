package io.solcial.bench;

import io.solcial.content.Block;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** SHA-256 CID computation over blocks of UnixFS chunk size and smaller; the summary prints MB/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class CidBenchmark {
    @Param({"1024", "262144"})
    public int size;

    private byte[] data;
    private Cid cid;

    @Setup
    public void setup() {
        data = new byte[size];
        new Random(7).nextBytes(data);
        cid = Cid.of(Multicodec.RAW, data);
    }

    /** Hash and build the CID of a new block. */
    @Benchmark
    public Cid cidOfBlock() {
        return Cid.of(Multicodec.RAW, data);
    }

    /** Check a received block against its CID (what every get and every Bitswap receive does). */
    @Benchmark
    public Block verifyBlock() throws Exception {
        return Block.verified(cid, data);
    }
}
