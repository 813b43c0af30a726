package io.solcial.bench;

import io.solcial.content.Block;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.log.Action;
import io.solcial.log.Entry;
import io.solcial.log.EntryCodec;
import io.solcial.log.EntryValidator;
import io.solcial.log.EntryWriter;
import io.solcial.log.LogEntry;
import io.solcial.log.Params;
import io.solcial.log.PrevLookup;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Profile log entries validated per second on one core: decode (strict canonical check),
 * signature, clock and prev checks, as a node does for every entry it syncs. {@code decodeOnly}
 * shows how much of that is the codec.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class LogBenchmark {
    private static final int ENTRIES = 1024;

    private final List<Block> blocks = new ArrayList<>();
    private Ed25519PublicKey author;
    private PrevLookup prevs;
    private EntryValidator validator;
    private int next;

    @Setup
    public void setup() {
        Random random = new Random(11);
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(seed);
        author = keys.publicKey();
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        EntryWriter writer = new EntryWriter(keys, clock);
        Map<Cid, Entry> all = new HashMap<>();
        List<LogEntry> heads = List.of();
        for (int i = 0; i < ENTRIES; i++) {
            Cid content = Cid.of(Multicodec.RAW, ("post " + i).getBytes(StandardCharsets.UTF_8));
            LogEntry e = i % 4 == 3
                    ? writer.append(heads, Action.LIKE, Params.builder().cid("target", heads.get(0).cid()).build())
                    : writer.append(heads, Action.APPEND_FEED_POST, Params.builder().cid("content", content).build());
            blocks.add(EntryCodec.encode(e.entry()));
            all.put(e.cid(), e.entry());
            heads = List.of(e);
        }
        prevs = PrevLookup.of(all);
        validator = new EntryValidator(clock);
    }

    @Benchmark
    public LogEntry validateEntry() throws Exception {
        Block block = blocks.get(next++ & (ENTRIES - 1));
        return validator.validate(block, author, prevs);
    }

    @Benchmark
    public Entry decodeOnly() throws Exception {
        return EntryCodec.decode(blocks.get(next++ & (ENTRIES - 1)));
    }
}
