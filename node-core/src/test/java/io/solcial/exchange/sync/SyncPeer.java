package io.solcial.exchange.sync;

import io.solcial.content.Block;
import io.solcial.exchange.bitswap.Bitswap;
import io.solcial.exchange.bitswap.BitswapConfig;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.log.Action;
import io.solcial.log.EntryCodec;
import io.solcial.log.EntryValidator;
import io.solcial.log.EntryWriter;
import io.solcial.log.LogEntry;
import io.solcial.log.LogStore;
import io.solcial.log.Params;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multiaddr;
import io.solcial.multiformats.Multicodec;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.store.Database;
import io.solcial.store.H2Blockstore;
import io.solcial.store.H2LogStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** A host with an in-memory H2 store, bitswap and a sync server: one side of a sync test or benchmark. */
public final class SyncPeer implements AutoCloseable {
    /** Makes every written post distinct: two forks written in the same millisecond must not coincide. */
    private static final java.util.concurrent.atomic.AtomicLong WRITES = new java.util.concurrent.atomic.AtomicLong();
    public final Database db;
    public final H2Blockstore blocks;
    public final H2LogStore log;
    public final Libp2pHost host;
    public final Bitswap bitswap;
    public final LogSync sync;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    public SyncPeer() throws Exception {
        db = Database.inMemory();
        blocks = new H2Blockstore(db);
        log = new H2LogStore(db, blocks);
        host = new Libp2pHost(Ed25519KeyPair.generate(),
                HostConfig.defaults().withListenAddresses(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
                Clock.systemUTC());
        bitswap = Bitswap.attach(host, blocks, BitswapConfig.defaults());
        host.addProtocol(new SyncServer(log, executor).protocolHandler());
        host.start().get(10, TimeUnit.SECONDS);
        sync = new LogSync(host, bitswap, log, new EntryValidator(Clock.systemUTC()), Duration.ofSeconds(10));
    }

    public Multiaddr address() {
        return host.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + host.peerId()));
    }

    /** Writes {@code n} posts to {@code author}'s log after {@code heads}; returns the last entry. */
    public LogEntry write(Ed25519KeyPair author, List<LogEntry> heads, int n) throws Exception {
        EntryWriter writer = new EntryWriter(author, Clock.systemUTC());
        List<LogEntry> last = heads;
        List<LogStore.Item> items = new ArrayList<>();
        LogEntry e = null;
        for (int i = 0; i < n; i++) {
            Block content = Block.create(Multicodec.RAW, ("post " + i + " of write " + WRITES.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
            e = writer.append(last, Action.APPEND_FEED_POST, Params.builder().cid("content", content.cid()).build());
            items.add(new LogStore.Item(e, EntryCodec.encode(e.entry())));
            last = List.of(e);
        }
        log.addAll(items);
        return e;
    }

    public List<Cid> heads(Ed25519KeyPair author) throws Exception {
        return log.heads(author.publicKey()).stream().map(LogEntry::cid).toList();
    }

    @Override
    public void close() {
        bitswap.close();
        host.stop().orTimeout(10, TimeUnit.SECONDS).join();
        executor.shutdownNow();
        db.close();
    }
}
