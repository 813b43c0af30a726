package io.solcial.exchange.bitswap;

import io.solcial.content.Block;
import io.solcial.content.BlockSink;
import io.solcial.content.Blockstore;
import io.solcial.content.CorruptBlockException;
import io.solcial.exchange.bitswap.BitswapMessage.Presence;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Cid;
import io.solcial.net.Connection;
import io.solcial.net.ConnectionListener;
import io.solcial.net.Host;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.ProtocolViolationException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Bitswap 1.2.0 ({@code /ipfs/bitswap/1.2.0}) client and server over a {@link Host}.
 *
 * <p><b>Streams.</b> Like Helia, every message we send goes on a new outbound stream: open, write
 * one length-prefixed message, half-close. Inbound streams may carry any number of messages (Helia
 * sends one per stream); we read them until the peer closes its side. Per-stream ordering is all
 * the protocol needs: a cancel overtaking its want is harmless ({@link BitswapNetwork}).
 *
 * <p><b>Limits.</b> A message is at most {@link #MAX_MESSAGE_SIZE} (a larger length prefix is a
 * protocol violation), a block at most {@link Block#MAX_SIZE}. A protocol violation (malformed
 * message, oversized frame, a block we never asked that peer for) resets the stream and closes the
 * connection. One peer may have {@link BitswapConfig#maxWantlistEntries()} entries with us and
 * {@link BitswapConfig#maxQueuedBytesPerPeer()} bytes of blocks in flight ({@link DecisionEngine}).
 *
 * <p><b>Threading.</b> All protocol state lives on one service thread; I/O callbacks only frame
 * bytes and hand messages over (an inbound stream is paused until its message was handled).
 * Blockstore reads for the server and the sink writes of {@link #fetchDag} run on that thread.
 */
public final class Bitswap implements AutoCloseable {
    public static final String PROTOCOL_ID = "/ipfs/bitswap/1.2.0";
    public static final int MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
    /**
     * Blocks per response message are batched up to this many bytes (Helia's and boxo's default
     * incoming limit is 2 MiB); a single larger block goes alone.
     */
    public static final int MAX_OUTGOING_BLOCK_BYTES = 2 * 1024 * 1024 - 16 * 1024;

    private final BitswapConfig config;
    private final ServiceLoop loop;
    private final LocalBlocks local;
    private final Ledgers ledgers = new Ledgers();
    private final BitswapNetwork net;
    private final WantManager wants;
    private final DecisionEngine engine;

    public Bitswap(Host host, Blockstore store, BitswapConfig config) {
        this.config = config;
        this.loop = new ServiceLoop("bitswap-" + host.peerId().toString().substring(0, 12));
        this.local = new LocalBlocks(store);
        this.net = new BitswapNetwork(host, loop);
        this.wants = new WantManager(net, loop, ledgers, config);
        this.engine = new DecisionEngine(net, loop, local, ledgers, config);
        net.onUndeliverable(wants::wantsNotSent);
    }

    /** Creates the service and registers it on {@code host} (before the host connects, so identify lists it). */
    public static Bitswap attach(Host host, Blockstore store, BitswapConfig config) {
        Bitswap b = new Bitswap(host, store, config);
        host.addProtocol(b.protocolHandler());
        host.addConnectionListener(b.connectionListener());
        return b;
    }

    public ProtocolHandler protocolHandler() {
        return net.protocolHandler(this::onMessage);
    }

    public ConnectionListener connectionListener() {
        return new ConnectionListener() {
            @Override
            public void connected(Connection c) {
                loop.run(() -> wants.peerConnected(c.remotePeer()));
            }

            @Override
            public void disconnected(Connection c) {
                loop.run(() -> peerDisconnected(c.remotePeer()));
            }
        };
    }

    /** Exchange totals with {@code peer} (zeros if we never exchanged anything). */
    public Ledger ledger(PeerId peer) {
        return ledgers.snapshot(peer);
    }

    /** Protocol violations seen (each one closed a connection). */
    public long violations() {
        return net.violations();
    }

    // ---------------------------------------------------------------- client API

    /** The block named {@code cid}, from the local store or from connected peers, within the configured timeout. */
    public CompletableFuture<Block> get(Cid cid) {
        return get(cid, config.getTimeout());
    }

    /**
     * The block named {@code cid}. Not in the local store: with one connected peer we send it a
     * want-block; with several, a want-have to each and a want-block to the first that has it (the
     * next one if that peer then says DontHave or disconnects). Fails with {@link BlockNotFoundException}
     * when every peer asked said DontHave, with {@link TimeoutException} after {@code timeout}.
     * The block is returned, not stored (see {@link #fetchDag}).
     */
    public CompletableFuture<Block> get(Cid cid, Duration timeout) {
        return get(cid, List.of(), timeout);
    }

    /**
     * As {@link #get(Cid, Duration)}, but asks only {@code from} (those of them connected); an
     * empty {@code from} means every connected peer. A want already pending for the same block is
     * shared, and the peers named here are asked too. Sync uses this to fetch an author's entries
     * from the seeder that named them, so that a bad entry can be blamed on the peer that served it.
     */
    public CompletableFuture<Block> get(Cid cid, Collection<PeerId> from, Duration timeout) {
        List<PeerId> only = List.copyOf(from);
        CompletableFuture<Block> result = new CompletableFuture<>();
        loop.run(() -> {
            Optional<Block> have = local.get(cid);
            if (have.isPresent()) {
                result.complete(have.get());
                return;
            }
            wants.want(cid, only, timeout).whenComplete((b, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(b.cid().equals(cid) ? b : reverify(cid, b));
                }
            });
        });
        return result;
    }

    /**
     * Fetches the DAG under {@code root} (dag-pb links; raw blocks are leaves) with at most
     * {@code parallelism} blocks in flight, putting every verified block into {@code sink}. Blocks
     * already in the local store are not fetched again but are put into the sink too.
     */
    public CompletableFuture<DagFetchResult> fetchDag(Cid root, BlockSink sink, int parallelism, DagProgress progress) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive");
        }
        DagWalk walk = new DagWalk(root, sink, parallelism, progress, local, this::get, loop,
                sink == local.store() ? engine::blockAdded : b -> { });
        loop.run(walk::pump);
        return walk.result();
    }

    /**
     * Tells the server that {@code block} was put into the store: peers whose wantlist holds it
     * (a want we could not answer, without send-dont-have) get it now. Whoever puts blocks into the
     * store calls this after the put; {@link #fetchDag} does it itself when its sink is the store.
     */
    public void notifyNewBlock(Block block) {
        loop.run(() -> engine.blockAdded(block));
    }

    /** Records of blocks we asked peers for (wanted or within the cancel grace), for tests. */
    CompletableFuture<Integer> askRecords() {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        loop.run(() -> n.complete(wants.askRecords()));
        return n;
    }

    // ---------------------------------------------------------------- dispatch

    private void onMessage(PeerId from, BitswapMessage msg) throws ProtocolViolationException {
        if (!msg.blocks().isEmpty() || !msg.presences().isEmpty()) {
            ledgers.pendingToReceive(from, msg.pendingBytes());
        }
        for (Block b : msg.blocks()) {
            wants.onBlock(from, b);
        }
        for (Presence p : msg.presences()) {
            wants.onPresence(from, p);
        }
        if (!msg.wants().isEmpty() || msg.full()) {
            engine.onWantlist(from, msg);
        }
    }

    private void peerDisconnected(PeerId p) {
        if (net.isConnected(p)) {
            return; // a duplicate connection went away; the peer is still connected
        }
        engine.peerDisconnected(p);
        wants.peerDisconnected(p);
    }

    private static Block reverify(Cid cid, Block b) {
        try {
            return Block.verified(cid, b.bytes());
        } catch (CorruptBlockException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails every pending get and stops the service thread (the host keeps the protocol registered). */
    @Override
    public void close() {
        loop.close(() -> wants.failAll(new IllegalStateException("bitswap closed")));
    }
}
