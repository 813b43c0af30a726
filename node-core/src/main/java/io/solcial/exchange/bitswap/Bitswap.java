package io.solcial.exchange.bitswap;

import io.solcial.content.Block;
import io.solcial.content.BlockFormatException;
import io.solcial.content.BlockSink;
import io.solcial.content.Blockstore;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.DagPb;
import io.solcial.content.StoreException;
import io.solcial.exchange.bitswap.BitswapMessage.Entry;
import io.solcial.exchange.bitswap.BitswapMessage.Presence;
import io.solcial.exchange.bitswap.BitswapMessage.WantType;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import io.solcial.multiformats.Multihash;
import io.solcial.net.Connection;
import io.solcial.net.ConnectionListener;
import io.solcial.net.Host;
import io.solcial.net.LengthPrefixedDecoder;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bitswap 1.2.0 ({@code /ipfs/bitswap/1.2.0}) client and server over a {@link Host}.
 *
 * <p><b>Streams.</b> Like Helia, every message we send goes on a new outbound stream: open, write
 * one length-prefixed message, half-close. Inbound streams may carry any number of messages (Helia
 * sends one per stream); we read them until the peer closes its side. Per-stream ordering is all
 * the protocol needs: a cancel overtaking its want is harmless.
 *
 * <p><b>Limits.</b> A message is at most {@link #MAX_MESSAGE_SIZE} (a larger length prefix is a
 * protocol violation), a block at most {@link Block#MAX_SIZE}. A protocol violation (malformed
 * message, oversized frame, a block we never asked that peer for) resets the stream and closes the
 * connection. One peer may have {@link BitswapConfig#maxWantlistEntries()} entries with us and
 * {@link BitswapConfig#maxQueuedBytesPerPeer()} bytes of blocks in flight.
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

    private static final Logger LOG = Logger.getLogger(Bitswap.class.getName());

    private final Host host;
    private final Blockstore store;
    private final BitswapConfig config;
    private final ScheduledExecutorService loop;
    private final Map<PeerId, PeerState> peers = new HashMap<>();
    private final Map<Multihash, Want> wants = new HashMap<>();
    private final Map<PeerId, Counters> ledgers = new ConcurrentHashMap<>();
    private final AtomicLong violations = new AtomicLong();
    private volatile boolean closed;

    public Bitswap(Host host, Blockstore store, BitswapConfig config) {
        this.host = host;
        this.store = store;
        this.config = config;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bitswap-" + host.peerId().toString().substring(0, 12));
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates the service and registers it on {@code host} (before the host connects, so identify lists it). */
    public static Bitswap attach(Host host, Blockstore store, BitswapConfig config) {
        Bitswap b = new Bitswap(host, store, config);
        host.addProtocol(b.protocolHandler());
        host.addConnectionListener(b.connectionListener());
        return b;
    }

    public ProtocolHandler protocolHandler() {
        return new ProtocolHandler(PROTOCOL_ID, Inbound::new);
    }

    public ConnectionListener connectionListener() {
        return new ConnectionListener() {
            @Override
            public void connected(Connection c) {
                run(() -> peerConnected(c.remotePeer()));
            }

            @Override
            public void disconnected(Connection c) {
                run(() -> peerDisconnected(c.remotePeer()));
            }
        };
    }

    /** Exchange totals with {@code peer} (zeros if we never exchanged anything). */
    public Ledger ledger(PeerId peer) {
        Counters c = ledgers.get(peer);
        return c == null ? new Ledger(0, 0, 0, 0, 0)
                : new Ledger(c.bytesSent.get(), c.bytesReceived.get(), c.blocksSent.get(), c.blocksReceived.get(),
                        (int) c.wantlistSize.get());
    }

    /** Protocol violations seen (each one closed a connection). */
    public long violations() {
        return violations.get();
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
        run(() -> {
            Optional<Block> local = local(cid);
            if (local.isPresent()) {
                result.complete(local.get());
                return;
            }
            Want w = wants.get(cid.multihash());
            if (w == null) {
                w = new Want(cid);
                wants.put(cid.multihash(), w);
                Want want = w;
                w.timeout = loop.schedule(() -> fail(want, new TimeoutException("no peer sent " + cid + " within " + timeout)),
                        timeout.toMillis(), TimeUnit.MILLISECONDS);
                startWant(w, only);
            } else if (!only.isEmpty()) {
                addPeers(w, only);
            }
            w.future.whenComplete((b, e) -> {
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
        DagWalk walk = new DagWalk(root, sink, parallelism, progress);
        run(walk::pump);
        return walk.result;
    }

    // ---------------------------------------------------------------- client state

    private final class Want {
        final Cid cid;
        final CompletableFuture<Block> future = new CompletableFuture<>();
        final Set<PeerId> asked = new LinkedHashSet<>();
        final Set<PeerId> dontHave = new HashSet<>();
        final ArrayDeque<PeerId> havePeers = new ArrayDeque<>();
        PeerId blockPeer;
        ScheduledFuture<?> timeout;

        Want(Cid cid) {
            this.cid = cid;
        }
    }

    private void startWant(Want w, List<PeerId> only) {
        List<PeerId> candidates = connectedPeers();
        if (!only.isEmpty()) {
            candidates.retainAll(only);
        }
        if (candidates.size() == 1) {
            askBlock(w, candidates.get(0));
        } else {
            candidates.forEach(p -> askHave(w, p));
        }
    }

    private void addPeers(Want w, List<PeerId> more) {
        List<PeerId> connected = connectedPeers();
        for (PeerId p : more) {
            if (!w.asked.contains(p) && connected.contains(p)) {
                if (w.blockPeer == null) {
                    askBlock(w, p);
                } else {
                    askHave(w, p);
                }
            }
        }
    }

    private void askHave(Want w, PeerId p) {
        w.asked.add(p);
        peer(p).asked.put(w.cid.multihash(), Long.MAX_VALUE);
        queueEntry(p, Entry.want(w.cid, WantType.HAVE, true));
    }

    private void askBlock(Want w, PeerId p) {
        w.asked.add(p);
        w.blockPeer = p;
        peer(p).asked.put(w.cid.multihash(), Long.MAX_VALUE);
        queueEntry(p, Entry.want(w.cid, WantType.BLOCK, true));
    }

    private void onPresence(PeerId from, Presence presence) {
        Want w = wants.get(presence.cid().multihash());
        if (w == null || !w.asked.contains(from)) {
            return;
        }
        if (presence.have()) {
            if (w.blockPeer == null) {
                askBlock(w, from);
            } else if (!w.blockPeer.equals(from) && !w.havePeers.contains(from)) {
                w.havePeers.add(from);
            }
        } else {
            w.dontHave.add(from);
            w.havePeers.remove(from);
            if (from.equals(w.blockPeer)) {
                w.blockPeer = null;
                nextBlockPeer(w);
            }
            checkExhausted(w);
        }
    }

    private void nextBlockPeer(Want w) {
        PeerId next = w.havePeers.poll();
        if (next != null) {
            askBlock(w, next);
        }
    }

    private void checkExhausted(Want w) {
        if (w.blockPeer == null && w.havePeers.isEmpty() && !w.asked.isEmpty() && w.dontHave.containsAll(w.asked)) {
            fail(w, new BlockNotFoundException(w.cid, "every peer asked (" + w.asked.size() + ") said DontHave for " + w.cid));
        }
    }

    private void onBlock(PeerId from, Block block) throws ProtocolViolationException {
        PeerState ps = peer(from);
        Multihash mh = block.cid().multihash();
        Long until = ps.asked.get(mh);
        if (until == null || until < System.nanoTime()) {
            throw new ProtocolViolationException("bitswap: peer sent block " + block.cid() + " we did not ask it for");
        }
        Counters c = counters(from);
        c.bytesReceived.addAndGet(block.size());
        c.blocksReceived.incrementAndGet();
        Want w = wants.remove(mh);
        if (w == null) {
            return; // a duplicate within the cancel grace period
        }
        w.timeout.cancel(false);
        finishWant(w, from);
        w.future.complete(block);
    }

    private void fail(Want w, Throwable cause) {
        if (wants.get(w.cid.multihash()) != w) {
            return;
        }
        wants.remove(w.cid.multihash());
        if (w.timeout != null) {
            w.timeout.cancel(false);
        }
        finishWant(w, null);
        w.future.completeExceptionally(cause);
    }

    /** Cancels the want with every peer asked (except {@code servedBy}, which dropped it when sending). */
    private void finishWant(Want w, PeerId servedBy) {
        long graceEnd = System.nanoTime() + config.cancelGrace().toNanos();
        for (PeerId p : w.asked) {
            PeerState ps = peers.get(p);
            if (ps == null) {
                continue;
            }
            ps.asked.put(w.cid.multihash(), graceEnd);
            if (!p.equals(servedBy) && !w.dontHave.contains(p)) {
                queueEntry(p, Entry.cancel(w.cid));
            }
        }
    }

    private final class DagWalk {
        final Cid root;
        final BlockSink sink;
        final int parallelism;
        final DagProgress progress;
        final CompletableFuture<DagFetchResult> result = new CompletableFuture<>();
        final ArrayDeque<Cid> queue = new ArrayDeque<>();
        final Set<Cid> seen = new HashSet<>();
        int inFlight;
        long blocks;
        long bytes;
        long fromNetwork;

        DagWalk(Cid root, BlockSink sink, int parallelism, DagProgress progress) {
            this.root = root;
            this.sink = sink;
            this.parallelism = parallelism;
            this.progress = progress;
            queue.add(root);
            seen.add(root);
        }

        void pump() {
            while (!result.isDone() && inFlight < parallelism && !queue.isEmpty()) {
                Cid cid = queue.poll();
                inFlight++;
                Optional<Block> local = local(cid);
                CompletableFuture<Block> f;
                boolean network = local.isEmpty();
                f = network ? get(cid) : CompletableFuture.completedFuture(local.get());
                f.whenCompleteAsync((b, e) -> done(b, e, network), loop);
            }
            if (!result.isDone() && inFlight == 0 && queue.isEmpty()) {
                result.complete(new DagFetchResult(root, blocks, bytes, fromNetwork));
            }
        }

        void done(Block b, Throwable e, boolean network) {
            inFlight--;
            if (result.isDone()) {
                return;
            }
            if (e != null) {
                result.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e);
                return;
            }
            try {
                sink.put(b);
                for (Cid link : DagPb.links(b)) {
                    if (seen.add(link)) {
                        queue.add(link);
                    }
                }
            } catch (StoreException | BlockFormatException | RuntimeException ex) {
                result.completeExceptionally(ex);
                return;
            }
            blocks++;
            bytes += b.size();
            if (network) {
                fromNetwork++;
            }
            try {
                progress.onBlock(b, blocks, bytes);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "bitswap progress callback failed", ex);
            }
            pump();
        }
    }

    // ---------------------------------------------------------------- server state

    private final class PeerState {
        final PeerId id;
        /** The peer's wantlist with us. */
        final LinkedHashMap<Cid, Entry> wantlist = new LinkedHashMap<>();
        /** Wantlist entries not yet looked up. */
        final LinkedHashSet<Cid> pending = new LinkedHashSet<>();
        /** Multihashes we asked this peer for: Long.MAX_VALUE while wanted, else the end of the cancel grace (nanoTime). */
        final Map<Multihash, Long> asked = new HashMap<>();
        /** Client entries waiting to be sent in the next flush. */
        final List<Entry> outgoing = new ArrayList<>();
        long queuedBytes;
        boolean serveScheduled;
        boolean flushScheduled;

        PeerState(PeerId id) {
            this.id = id;
        }
    }

    private void onWantlist(PeerState ps, BitswapMessage msg) {
        if (msg.full()) {
            ps.wantlist.clear();
            ps.pending.clear();
        }
        for (Entry e : msg.wants()) {
            if (e.cancel()) {
                ps.wantlist.remove(e.cid());
                ps.pending.remove(e.cid());
            } else if (ps.wantlist.containsKey(e.cid()) || ps.wantlist.size() < config.maxWantlistEntries()) {
                Entry old = ps.wantlist.get(e.cid());
                // a want-block is never downgraded to a want-have
                Entry merged = old != null && old.type() == WantType.BLOCK && e.type() == WantType.HAVE
                        ? new Entry(e.cid(), e.priority(), false, WantType.BLOCK, old.sendDontHave() || e.sendDontHave()) : e;
                ps.wantlist.put(e.cid(), merged);
                ps.pending.add(e.cid());
            }
        }
        counters(ps.id).wantlistSize.set(ps.wantlist.size());
        scheduleServe(ps);
    }

    private void scheduleServe(PeerState ps) {
        if (!ps.serveScheduled && !ps.pending.isEmpty()) {
            ps.serveScheduled = true;
            loop.execute(() -> serve(ps));
        }
    }

    /** Answers pending wantlist entries while fewer than maxQueuedBytesPerPeer bytes are in flight to the peer. */
    private void serve(PeerState ps) {
        ps.serveScheduled = false;
        if (peers.get(ps.id) != ps) {
            return;
        }
        List<Block> blocks = new ArrayList<>();
        List<Presence> presences = new ArrayList<>();
        int size = 0;
        Iterator<Cid> it = ps.pending.iterator();
        while (it.hasNext() && ps.queuedBytes + size < config.maxQueuedBytesPerPeer()) {
            Cid cid = it.next();
            it.remove();
            Entry e = ps.wantlist.get(cid);
            if (e == null) {
                continue;
            }
            Optional<Block> block = local(cid);
            if (block.isPresent()) {
                Block b = block.get();
                if (e.type() == WantType.BLOCK || b.size() <= config.maxInlineBlockSize()) {
                    if (!blocks.isEmpty() && sizeOf(blocks) + b.size() > MAX_OUTGOING_BLOCK_BYTES) {
                        respond(ps, blocks, presences);
                        blocks = new ArrayList<>();
                        presences = new ArrayList<>();
                    }
                    blocks.add(b);
                    size += b.size();
                } else {
                    presences.add(new Presence(cid, true));
                }
                ps.wantlist.remove(cid);
            } else if (e.sendDontHave()) {
                presences.add(new Presence(cid, false));
                ps.wantlist.remove(cid);
            }
            // else: stays in the wantlist (counts against the cap) until the peer cancels it
        }
        counters(ps.id).wantlistSize.set(ps.wantlist.size());
        respond(ps, blocks, presences);
        scheduleServe(ps);
    }

    private static int sizeOf(List<Block> blocks) {
        int n = 0;
        for (Block b : blocks) {
            n += b.size();
        }
        return n;
    }

    private void respond(PeerState ps, List<Block> blocks, List<Presence> presences) {
        if (blocks.isEmpty() && presences.isEmpty()) {
            return;
        }
        int sent = sizeOf(blocks);
        int count = blocks.size();
        ps.queuedBytes += sent;
        send(ps.id, new BitswapMessage(List.of(), false, blocks, presences, 0)).whenCompleteAsync((v, e) -> {
            ps.queuedBytes -= sent;
            if (e == null) {
                Counters c = counters(ps.id);
                c.bytesSent.addAndGet(sent);
                c.blocksSent.addAndGet(count);
            } else {
                LOG.log(Level.FINE, "bitswap: sending to " + ps.id + " failed", e);
            }
            scheduleServe(ps);
        }, loop);
    }

    // ---------------------------------------------------------------- peers and messages

    private PeerState peer(PeerId id) {
        return peers.computeIfAbsent(id, PeerState::new);
    }

    private Counters counters(PeerId id) {
        return ledgers.computeIfAbsent(id, p -> new Counters());
    }

    private List<PeerId> connectedPeers() {
        List<PeerId> out = new ArrayList<>();
        for (Connection c : host.connections()) {
            if (c.isOpen() && !out.contains(c.remotePeer())) {
                out.add(c.remotePeer());
            }
        }
        return out;
    }

    private void peerConnected(PeerId p) {
        for (Want w : List.copyOf(wants.values())) {
            if (!w.asked.contains(p)) {
                askHave(w, p);
            }
        }
    }

    private void peerDisconnected(PeerId p) {
        if (host.connection(p).filter(Connection::isOpen).isPresent()) {
            return; // a duplicate connection went away; the peer is still connected
        }
        peers.remove(p);
        counters(p).wantlistSize.set(0);
        for (Want w : List.copyOf(wants.values())) {
            if (w.asked.remove(p)) {
                w.havePeers.remove(p);
                w.dontHave.remove(p);
                if (p.equals(w.blockPeer)) {
                    w.blockPeer = null;
                    nextBlockPeer(w);
                }
                checkExhausted(w);
            }
        }
    }

    private void queueEntry(PeerId p, Entry e) {
        PeerState ps = peer(p);
        ps.outgoing.add(e);
        if (!ps.flushScheduled) {
            ps.flushScheduled = true;
            loop.execute(() -> flush(ps));
        }
    }

    private void flush(PeerState ps) {
        ps.flushScheduled = false;
        List<Entry> entries = List.copyOf(ps.outgoing);
        ps.outgoing.clear();
        // wantlist entries are ~45 bytes: 8192 per message stays far below the limit
        for (int i = 0; i < entries.size(); i += 8192) {
            List<Entry> part = entries.subList(i, Math.min(entries.size(), i + 8192));
            send(ps.id, BitswapMessage.ofWants(part)).whenCompleteAsync((v, e) -> {
                if (e != null) {
                    LOG.log(Level.FINE, "bitswap: sending wants to " + ps.id + " failed", e);
                    // treat an unreachable peer as one that does not have the blocks
                    for (Entry entry : part) {
                        Want w = wants.get(entry.cid().multihash());
                        if (!entry.cancel() && w != null) {
                            onPresence(ps.id, new Presence(entry.cid(), false));
                        }
                    }
                }
            }, loop);
        }
    }

    /** Sends one message on a new stream (open, write, half-close). */
    CompletableFuture<Void> send(PeerId peer, BitswapMessage message) {
        byte[] frame = LengthPrefixedDecoder.frame(message.encode());
        CompletableFuture<Void> done = new CompletableFuture<>();
        host.newStream(peer, List.of(PROTOCOL_ID), new StreamHandler() {
            @Override
            public void onOpen(Stream stream) {
                stream.write(frame).thenCompose(v -> stream.closeWrite()).whenComplete((v, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                        stream.reset();
                    } else {
                        done.complete(null);
                    }
                });
            }

            @Override
            public void onData(Stream stream, byte[] data) {
                // nothing is expected back on our streams
            }

            @Override
            public void onRemoteClose(Stream stream) {
                stream.closeWrite();
            }

            @Override
            public void onClosed(Stream stream, Throwable cause) {
                if (cause != null) {
                    done.completeExceptionally(cause);
                }
            }
        }).whenComplete((s, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void onMessage(PeerId from, BitswapMessage msg) throws ProtocolViolationException {
        for (Block b : msg.blocks()) {
            onBlock(from, b);
        }
        for (Presence p : msg.presences()) {
            onPresence(from, p);
        }
        if (!msg.wants().isEmpty() || msg.full()) {
            onWantlist(peer(from), msg);
        }
    }

    private void violation(Stream stream, Throwable cause) {
        violations.incrementAndGet();
        LOG.log(Level.INFO, "bitswap: protocol violation by " + stream.remotePeer() + ", disconnecting: " + cause.getMessage());
        stream.reset();
        host.connection(stream.remotePeer()).ifPresent(Connection::close);
    }

    /** One inbound stream: length-prefixed messages until the peer closes its side. */
    private final class Inbound implements StreamHandler {
        private final LengthPrefixedDecoder decoder = new LengthPrefixedDecoder(MAX_MESSAGE_SIZE);
        private boolean failed;

        @Override
        public void onData(Stream stream, byte[] data) {
            if (failed) {
                return;
            }
            List<byte[]> messages;
            try {
                messages = decoder.feed(data);
            } catch (ProtocolViolationException e) {
                failed = true;
                violation(stream, e);
                return;
            }
            if (messages.isEmpty()) {
                return;
            }
            stream.pause();
            PeerId from = stream.remotePeer();
            run(() -> {
                try {
                    for (byte[] m : messages) {
                        onMessage(from, BitswapMessage.decode(m));
                    }
                    stream.resume();
                } catch (ProtocolViolationException e) {
                    violation(stream, e);
                }
            });
        }

        @Override
        public void onRemoteClose(Stream stream) {
            stream.closeWrite();
        }
    }

    // ---------------------------------------------------------------- helpers

    private Optional<Block> local(Cid cid) {
        if (cid.multihash().code() == Multicodec.IDENTITY) {
            try {
                return Optional.of(Block.verified(cid, cid.multihash().digest().toByteArray()));
            } catch (CorruptBlockException e) {
                return Optional.empty();
            }
        }
        try {
            return store.get(cid);
        } catch (StoreException | CorruptBlockException e) {
            LOG.log(Level.WARNING, "bitswap: cannot read " + cid + " from the store", e);
            return Optional.empty();
        }
    }

    private static Block reverify(Cid cid, Block b) {
        try {
            return Block.verified(cid, b.bytes());
        } catch (CorruptBlockException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run(Runnable task) {
        if (closed) {
            return;
        }
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "bitswap task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private static final class Counters {
        final AtomicLong bytesSent = new AtomicLong();
        final AtomicLong bytesReceived = new AtomicLong();
        final AtomicLong blocksSent = new AtomicLong();
        final AtomicLong blocksReceived = new AtomicLong();
        final AtomicLong wantlistSize = new AtomicLong();
    }

    /** Fails every pending get and stops the service thread (the host keeps the protocol registered). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        run(() -> {
            for (Want w : List.copyOf(wants.values())) {
                fail(w, new IllegalStateException("bitswap closed"));
            }
            drained.complete(null);
        });
        closed = true;
        drained.completeOnTimeout(null, 2, TimeUnit.SECONDS).join();
        loop.shutdownNow();
    }
}
