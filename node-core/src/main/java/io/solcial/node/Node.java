package io.solcial.node;

import io.solcial.content.Block;
import io.solcial.content.Blockstore;
import io.solcial.content.ImportedFile;
import io.solcial.content.StoreException;
import io.solcial.content.UnixFsImporter;
import io.solcial.exchange.bitswap.Bitswap;
import io.solcial.exchange.sync.HeadRequest;
import io.solcial.exchange.sync.LogSync;
import io.solcial.exchange.sync.SyncException;
import io.solcial.exchange.sync.SyncServer;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.log.Action;
import io.solcial.log.EntryCodec;
import io.solcial.log.EntryValidator;
import io.solcial.log.EntryWriter;
import io.solcial.log.LogEntry;
import io.solcial.log.LogStore;
import io.solcial.log.Params;
import io.solcial.log.PostContent;
import io.solcial.log.PostContentCodec;
import io.solcial.membership.MembershipOracle;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.ConnectionListener;
import io.solcial.net.host.Libp2pHost;
import io.solcial.overlay.Topic;
import io.solcial.overlay.net.OverlayService;
import io.solcial.store.Database;
import io.solcial.store.H2BanStore;
import io.solcial.store.H2Blockstore;
import io.solcial.store.H2LogStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Solcial node: store, libp2p host, bitswap, HEAD sync, overlay and replication, wired
 * from a {@link NodeConfig}. Every front end (CLI, desktop, beacon, gateway) uses this facade: write
 * to the account's log (post, reply, like, follow, profile), read (feed, profiles, threads through
 * {@link #reader()}), watch ({@link #onEvent}), and stop ({@link #close}).
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final int SYNC_WORKERS = 4;
    private static final int SERVE_WORKERS = 2;
    private static final long STATUS_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Entries listed per HEAD request when asking whether a peer holds one (forks share a seq). */
    private static final int HOLDING_PROBE = 16;

    private final NodeConfig config;
    private final Ed25519PublicKey account;
    private final Database db;
    private final H2Blockstore blocks;
    private final LogStore log;
    private final Libp2pHost host;
    private final Bitswap bitswap;
    private final OverlayService overlay;
    private final LogView view;
    private final Replicator replicator;
    private final AccountWriter ownLog;
    private final LogSync sync;
    private final ScheduledExecutorService timers;
    private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> joined;
    private final MembershipOracle oracle;
    private final ExecutorService serving;
    private volatile CachedStatus cachedStatus;
    private volatile boolean closed;

    private Node(NodeConfig config, Database db) throws StoreException {
        this.config = config;
        this.account = config.identity().publicKey();
        this.db = db;
        this.blocks = new H2Blockstore(db);
        this.log = new H2LogStore(db, blocks);
        this.host = new Libp2pHost(config.identity(), config.host(), config.clock());
        this.bitswap = Bitswap.attach(host, blocks, config.bitswap());
        blocks.addPutListener(bitswap::notifyNewBlock); // peers waiting for a block we get later are served
        this.view = new LogView(log, blocks, this::status);
        AtomicInteger n = new AtomicInteger();
        String tag = host.peerId().toString().substring(host.peerId().toString().length() - 6);
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("node-timer-" + tag, n));
        EntryValidator validator = new EntryValidator(config.clock());
        this.sync = new LogSync(host, bitswap, log, validator, config.syncTimeout());
        this.replicator = new Replicator(log, blocks, bitswap, sync, validator, this::wants, this::connectedPeers,
                this::ban, this::emit, view, Executors.newFixedThreadPool(SYNC_WORKERS, daemon("node-sync-" + tag, n)));
        this.serving = Executors.newFixedThreadPool(SERVE_WORKERS, daemon("node-serve-" + tag, n));
        host.addProtocol(new SyncServer(log, serving).protocolHandler());
        this.oracle = config.oracle().create(db);
        this.overlay = new OverlayService(host, oracle, new H2BanStore(db, config.clock()),
                Announcement.validator(), config.overlay(), d -> {
                    if (d.topic().equals(Topic.CONTENT)) {
                        replicator.onAnnouncement(d);
                    }
                });
        this.ownLog = new AccountWriter(account, new EntryWriter(config.identity(), config.clock()), log, blocks,
                replicator, this::announce);
        host.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(Connection c) {
                emit(new NodeEvent.Peer(c.remotePeer(), true));
                PeerId peer = c.remotePeer();
                if (config.role() == NodeConfig.Role.USER) {
                    timers.execute(() -> wantedAuthors().forEach(a -> replicator.request(a, List.of(peer), false)));
                } else {
                    // the peer's libp2p key is its account: a beacon replicates the log of everyone it meets
                    peer.publicKey().ifPresent(a -> replicator.request(a, List.of(peer), false));
                }
            }

            @Override
            public void disconnected(Connection c) {
                emit(new NodeEvent.Peer(c.remotePeer(), false));
            }
        });
        this.joined = new CompletableFuture<>();
    }

    /** Opens the store, starts listening and joins the overlay through the configured bootstrap peers. */
    public static Node start(NodeConfig config) throws StoreException, IOException {
        Database db = config.dataDir().isPresent() ? Database.openFile(config.dataDir().get()) : Database.inMemory();
        Node node;
        try {
            node = new Node(config, db);
        } catch (StoreException | RuntimeException e) {
            db.close();
            throw e;
        }
        try {
            node.host.start().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            node.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot listen on " + config.host().listenAddresses() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            node.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
        node.overlay.start(config.bootstrap()).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("could not join the overlay: {}", e.getMessage());
                node.joined.completeExceptionally(e);
            } else {
                node.joined.complete(null);
            }
        });
        long every = config.resyncEvery().toMillis();
        node.timers.scheduleWithFixedDelay(node::resyncAll, every, every, TimeUnit.MILLISECONDS);
        LOG.info("node {} ({}) listening on {}", node.account.address(), config.role(), node.addresses());
        return node;
    }

    // ---------------------------------------------------------------- identity and network

    public Ed25519PublicKey account() {
        return account;
    }

    public PeerId peerId() {
        return host.peerId();
    }

    /** Where others can dial this node, each ending in {@code /p2p/<peer id>}. */
    public List<Multiaddr> addresses() {
        List<Multiaddr> out = new ArrayList<>();
        for (Multiaddr a : host.listenAddresses()) {
            out.add(a.encapsulate(Multiaddr.parse("/p2p/" + host.peerId())));
        }
        return out;
    }

    /** Completes once the node has an overlay neighbour on every topic (at once for the first node). */
    public CompletableFuture<Void> joined() {
        return joined;
    }

    public CompletableFuture<Connection> connect(Multiaddr address) {
        return host.connect(address);
    }

    public List<PeerId> connectedPeers() {
        return host.connections().stream().filter(Connection::isOpen).map(Connection::remotePeer).distinct().toList();
    }

    public Set<PeerId> activeView(Topic topic) {
        return overlay.activeView(topic);
    }

    public Set<PeerId> passiveView(Topic topic) {
        return overlay.passiveView(topic);
    }

    public Set<PeerId> bans() {
        return overlay.bans();
    }

    /**
     * Counters, recomputed at most once a second while nothing happens (pages and /metrics ask for
     * them on every request) and at once after entries, peers or bans changed.
     */
    public NodeStatus status() {
        long now = System.nanoTime();
        CachedStatus c = cachedStatus;
        if (c != null && now - c.at() < STATUS_TTL_NANOS) {
            return c.status();
        }
        NodeStatus fresh = computeStatus();
        cachedStatus = new CachedStatus(fresh, now);
        return fresh;
    }

    private record CachedStatus(NodeStatus status, long at) {
    }

    private NodeStatus computeStatus() {
        try {
            return new NodeStatus(connectedPeers().size(), overlay.activeView(Topic.PUBLIC).size(),
                    overlay.passiveView(Topic.PUBLIC).size(), log.authors().size(), log.count(), blocks.count(),
                    blocks.sizeBytes(), overlay.bans().size());
        } catch (StoreException | RuntimeException e) {
            LOG.warn("status unavailable: {}", e.getMessage());
            return new NodeStatus(connectedPeers().size(), 0, 0, 0, 0, 0, 0, 0);
        }
    }

    // ---------------------------------------------------------------- writing

    public LogEntry post(String text, List<MediaUpload> media) throws StoreException, IOException {
        return write(Action.APPEND_FEED_POST, Params.builder().cid("content", ownLog.content(text, media)).build());
    }

    public LogEntry reply(Cid parent, String text, List<MediaUpload> media) throws StoreException, IOException {
        Params.Builder p = Params.builder().cid("content", ownLog.content(text, media)).cid("parent", parent);
        view.thread(parent).flatMap(t -> t.post().root().or(() -> t.post().parent().isPresent()
                ? Optional.empty() : Optional.of(parent))).ifPresent(root -> p.cid("root", root));
        return write(Action.REPLY, p.build());
    }

    public LogEntry like(Cid target) throws StoreException {
        return write(Action.LIKE, Params.builder().cid("target", target).build());
    }

    public LogEntry unlike(Cid target) throws StoreException {
        return write(Action.UNLIKE, Params.builder().cid("target", target).build());
    }

    public LogEntry delete(Cid target) throws StoreException {
        return write(Action.DELETE, Params.builder().cid("target", target).build());
    }

    /** Follows {@code author}: from now on their log is fetched, validated, pinned and served here. */
    public LogEntry follow(Ed25519PublicKey author) throws StoreException {
        LogEntry e = write(Action.FOLLOW, Params.builder().address("author", author).build());
        replicator.request(author, List.of(), true);
        return e;
    }

    /** Stops following {@code author}: their log is unpinned and (on a user's node) dropped. */
    public LogEntry unfollow(Ed25519PublicKey author) throws StoreException {
        LogEntry e = write(Action.UNFOLLOW, Params.builder().address("author", author).build());
        if (!wants(author)) {
            for (LogEntry h : log.heads(author)) {
                blocks.unpin(h.cid());
            }
            log.forget(author);
            view.invalidate(author);
            timers.execute(this::collectGarbage);
        }
        return e;
    }

    public LogEntry updateProfile(Optional<String> name, Optional<String> bio, Optional<MediaUpload> avatar)
            throws StoreException, IOException {
        Params.Builder p = Params.builder();
        name.ifPresent(v -> p.text("name", v));
        bio.ifPresent(v -> p.text("bio", v));
        if (avatar.isPresent()) {
            p.cid("avatar", ownLog.importFile(avatar.get()));
        }
        return write(Action.UPDATE_PROFILE, p.build());
    }

    private LogEntry write(Action action, Params params) throws StoreException {
        return ownLog.write(action, params);
    }

    private void announce(Block entryBlock) {
        overlay.broadcast(Topic.CONTENT, Announcement.encode(entryBlock)).whenComplete((id, e) -> {
            if (e != null) {
                LOG.info("entry {} stored; announcing it failed: {}", entryBlock.cid(), e.getMessage());
            }
        });
    }

    // ---------------------------------------------------------------- reading

    /** Posts and replies of the account and everyone it follows, newest first. */
    public SocialReader.Page<PostView> feed(int limit, Optional<Cursor> before) throws StoreException {
        Set<Ed25519PublicKey> authors = new HashSet<>(view.state(account).following());
        authors.add(account);
        return view.feed(authors, limit, before);
    }

    /** Everything this node holds, as readers see it. */
    public SocialReader reader() {
        return view;
    }

    public Set<Ed25519PublicKey> following() throws StoreException {
        return view.state(account).following();
    }

    /** Syncs {@code author}'s log from connected peers now; completes when this round is done. */
    public CompletableFuture<Void> sync(Ed25519PublicKey author) {
        return replicator.request(author, List.of(), true);
    }

    /**
     * Connected peers that hold {@code entry} (of this node's own log), asked over HEAD sync now;
     * blocking, at most the sync timeout per peer. A short-lived node asks this before it stops: has
     * what it wrote left this machine?
     */
    public Set<PeerId> peersHolding(LogEntry entry) throws InterruptedException {
        Set<PeerId> out = new HashSet<>();
        HeadRequest ask = new HeadRequest(entry.entry().author(), entry.entry().seq() - 1, HOLDING_PROBE);
        for (PeerId p : connectedPeers()) {
            try {
                if (sync.heads(p, ask).entries().contains(entry.cid())) {
                    out.add(p);
                }
            } catch (SyncException e) {
                LOG.debug("{} did not answer a HEAD request: {}", p, e.getMessage());
            }
        }
        return out;
    }

    /** Blocks that connected peers are waiting for from this node (their bitswap wantlists here). */
    public long blocksWantedByPeers() {
        long wanted = 0;
        for (PeerId p : connectedPeers()) {
            wanted += bitswap.ledger(p).wantlistSize();
        }
        return wanted;
    }

    public Blockstore blockstore() {
        return blocks;
    }

    public AutoCloseable onEvent(Consumer<NodeEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // ---------------------------------------------------------------- internals

    private boolean wants(Ed25519PublicKey author) {
        if (config.role() == NodeConfig.Role.BEACON || author.equals(account)) {
            return true;
        }
        try {
            return view.state(account).following().contains(author);
        } catch (StoreException e) {
            LOG.warn("cannot read own follows: {}", e.getMessage());
            return false;
        }
    }

    private List<Ed25519PublicKey> wantedAuthors() {
        try {
            return config.role() == NodeConfig.Role.BEACON ? log.authors() : List.copyOf(following());
        } catch (StoreException e) {
            LOG.warn("cannot list wanted authors: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * A user's node re-asks a few peers about every followed log now and then (announcements missed
     * while offline). A beacon does not: it keeps everyone's log, learns of new entries from
     * announcements and syncs each peer's own log when it connects.
     */
    private void resyncAll() {
        if (config.role() == NodeConfig.Role.USER && !connectedPeers().isEmpty()) {
            wantedAuthors().forEach(a -> replicator.request(a, List.of(), true));
        }
    }

    private void ban(PeerId peer, String reason) {
        overlay.banPeer(peer, reason);
        host.connection(peer).ifPresent(Connection::close);
    }

    private void collectGarbage() {
        try {
            long removed = blocks.garbageCollect();
            LOG.info("garbage collection removed {} blocks", removed);
        } catch (StoreException e) {
            LOG.warn("garbage collection failed: {}", e.getMessage());
        }
    }

    private void emit(NodeEvent event) {
        if (!(event instanceof NodeEvent.Sync)) {
            cachedStatus = null; // counters changed: the next status() recomputes them
        }
        for (Consumer<NodeEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name, AtomicInteger n) {
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Leaves the overlay, stops syncing, closes connections and the store. Nothing written is lost. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        overlay.close();
        replicator.close();
        timers.shutdownNow();
        serving.shutdownNow();
        bitswap.close();
        if (oracle instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("chain client did not close cleanly: {}", e.getMessage());
            }
        }
        try {
            host.stop().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("host did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
