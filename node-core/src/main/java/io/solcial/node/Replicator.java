package io.solcial.node;

import io.solcial.content.Block;
import io.solcial.content.Blockstore;
import io.solcial.content.StoreException;
import io.solcial.exchange.bitswap.Bitswap;
import io.solcial.exchange.bitswap.DagProgress;
import io.solcial.exchange.sync.HeadRequest;
import io.solcial.exchange.sync.HeadResponse;
import io.solcial.exchange.sync.LogSync;
import io.solcial.exchange.sync.SyncException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.log.Entry;
import io.solcial.log.EntryValidator;
import io.solcial.log.InvalidEntryException;
import io.solcial.log.LogEntry;
import io.solcial.log.LogStore;
import io.solcial.log.ParamType;
import io.solcial.log.ParamValue;
import io.solcial.multiformats.Cid;
import io.solcial.overlay.plumtree.Delivery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication policy (docs/protocol.md, "Replication"): a node holds and pins its own log and
 * the logs it wants (those it follows; every log on a beacon), with their content. It acts on
 * entry announcements from the overlay, syncs a wanted log from the peers that have it, fetches the
 * content of new entries, keeps one recursive pin per log head and bans a peer that served an
 * invalid entry. Syncs of one author never run concurrently; a request during a sync re-runs it.
 */
final class Replicator {
    private static final Logger LOG = LoggerFactory.getLogger(Replicator.class);
    private static final int CONTENT_PARALLELISM = 8;
    /** Other connected peers asked about a log when no hint is enough. */
    static final int SAMPLE = 6;

    private final LogStore log;
    private final Blockstore blocks;
    private final Bitswap bitswap;
    private final LogSync sync;
    private final EntryValidator validator;
    private final Predicate<Ed25519PublicKey> wanted;
    private final Supplier<List<PeerId>> peers;
    private final BiConsumer<PeerId, String> ban;
    private final Consumer<NodeEvent> events;
    private final LogView view;
    private final ExecutorService workers;
    private final Map<Ed25519PublicKey, Set<PeerId>> queued = new ConcurrentHashMap<>();
    private final Set<Ed25519PublicKey> running = ConcurrentHashMap.newKeySet();
    private final Random random = new Random();
    private final Map<Ed25519PublicKey, CompletableFuture<Void>> nextRound = new ConcurrentHashMap<>();

    Replicator(LogStore log, Blockstore blocks, Bitswap bitswap, LogSync sync, EntryValidator validator,
            Predicate<Ed25519PublicKey> wanted, Supplier<List<PeerId>> peers, BiConsumer<PeerId, String> ban,
            Consumer<NodeEvent> events, LogView view, ExecutorService workers) {
        this.log = log;
        this.blocks = blocks;
        this.bitswap = bitswap;
        this.sync = sync;
        this.validator = validator;
        this.wanted = wanted;
        this.peers = peers;
        this.ban = ban;
        this.events = events;
        this.view = view;
        this.workers = workers;
    }

    /** An announcement arrived over the overlay (already signature-checked by the overlay's validator). */
    void onAnnouncement(Delivery delivery) {
        LogEntry entry;
        try {
            entry = Announcement.decode(delivery.payload());
        } catch (InvalidEntryException e) {
            return; // the overlay validator already refused it
        }
        Ed25519PublicKey author = entry.entry().author();
        if (!wanted.test(author)) {
            return;
        }
        workers.execute(() -> {
            try {
                if (log.has(entry.cid()) || tryAppend(entry, Announcement.block(delivery.payload()))) {
                    return;
                }
            } catch (StoreException e) {
                LOG.warn("cannot store announced entry {}: {}", entry.cid(), e.getMessage());
                return;
            }
            request(author, List.of(delivery.from()), true); // a relay need not hold the log itself
        });
    }

    /** Stores an entry whose prevs are all held already (the usual case for a live announcement). */
    private boolean tryAppend(LogEntry entry, Block block) throws StoreException {
        Ed25519PublicKey author = entry.entry().author();
        for (Cid prev : entry.entry().prev()) {
            if (!log.has(prev)) {
                return false;
            }
        }
        synchronized (lock(author)) {
            List<LogEntry> before = log.heads(author);
            try {
                LogEntry ok = validator.validate(block, author, cid -> lookup(cid));
                if (log.add(ok, block)) {
                    added(author, before, List.of(ok), false);
                }
                return true;
            } catch (InvalidEntryException e) {
                LOG.info("announced entry {} of {} is invalid: {}", entry.cid(), author, e.getMessage());
                return true;
            }
        }
    }

    /** Stores an entry written here (already valid by construction) and pins it. */
    void appendOwn(LogEntry entry, Block block) throws StoreException {
        Ed25519PublicKey author = entry.entry().author();
        synchronized (lock(author)) {
            List<LogEntry> before = log.heads(author);
            if (log.add(entry, block)) {
                added(author, before, List.of(entry), true);
            }
        }
    }

    /**
     * Syncs {@code author}'s log from {@code hints} (the peer an announcement came from, a peer that
     * just connected) and, when {@code widen} is set, from up to {@value #SAMPLE} other connected
     * peers picked at random: never from every peer, so that a beacon with thousands of connections
     * does not ask them all. Completes when this round is done (whatever it found).
     */
    CompletableFuture<Void> request(Ed25519PublicKey author, List<PeerId> hints, boolean widen) {
        Set<PeerId> asked = queued.computeIfAbsent(author, a -> ConcurrentHashMap.newKeySet());
        asked.addAll(hints);
        if (widen || hints.isEmpty()) {
            List<PeerId> others = new ArrayList<>(peers.get());
            Collections.shuffle(others, random);
            asked.addAll(others.subList(0, Math.min(SAMPLE, others.size())));
        }
        // completes after the round that takes these hints (a running sync re-runs with them)
        CompletableFuture<Void> done = nextRound.computeIfAbsent(author, a -> new CompletableFuture<>());
        if (running.add(author)) {
            startDrain(author);
        }
        return done;
    }

    private void startDrain(Ed25519PublicKey author) {
        try {
            workers.execute(() -> drain(author));
        } catch (RejectedExecutionException e) {
            running.remove(author);
            CompletableFuture<Void> waiting = nextRound.remove(author);
            if (waiting != null) {
                waiting.completeExceptionally(new IllegalStateException("the node is stopping"));
            }
        }
    }

    private void drain(Ed25519PublicKey author) {
        try {
            while (true) {
                CompletableFuture<Void> round = nextRound.remove(author);
                Set<PeerId> hints = queued.remove(author);
                if (hints != null) {
                    syncRound(author, hints);
                }
                // a request that slipped in between the two removals had its hints in this round
                if (round != null) {
                    round.complete(null);
                }
                if (hints == null) {
                    return;
                }
            }
        } finally {
            running.remove(author);
            if (queued.containsKey(author) && running.add(author)) {
                startDrain(author);
            }
        }
    }

    private void syncRound(Ed25519PublicKey author, Set<PeerId> candidates) {
        List<Map.Entry<PeerId, HeadResponse>> seeders = new ArrayList<>();
        try {
            long have = log.maxSeq(author);
            for (PeerId p : candidates) {
                try {
                    HeadResponse r = sync.heads(p, new HeadRequest(author, 0, 0));
                    if (r.seq() > 0 && !allHeld(r.heads())) {
                        seeders.add(Map.entry(p, r));
                    }
                } catch (SyncException e) {
                    LOG.debug("{} did not answer for {}: {}", p, author, e.getMessage());
                }
            }
            seeders.sort(Comparator.comparingLong((Map.Entry<PeerId, HeadResponse> e) -> e.getValue().seq()).reversed());
            for (Map.Entry<PeerId, HeadResponse> s : seeders) {
                if (allHeld(s.getValue().heads())) {
                    continue;
                }
                syncFrom(author, s.getKey());
            }
            LOG.debug("sync of {} done: seq {} -> {}", author, have, log.maxSeq(author));
        } catch (StoreException e) {
            LOG.warn("sync of {} stopped: {}", author, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void syncFrom(Ed25519PublicKey author, PeerId seeder) throws StoreException, InterruptedException {
        List<LogEntry> before;
        synchronized (lock(author)) {
            before = log.heads(author);
        }
        try {
            LogSync.Result r = sync.syncFrom(seeder, author, p -> events.accept(new NodeEvent.Sync(p)));
            if (!r.newEntries().isEmpty()) {
                synchronized (lock(author)) {
                    added(author, before, r.newEntries(), false);
                }
            }
        } catch (SyncException e) {
            if (e.kind() == SyncException.Kind.INVALID_ENTRY) {
                LOG.warn("banning {}: {}", seeder, e.getMessage());
                ban.accept(seeder, e.getMessage());
                events.accept(new NodeEvent.Banned(seeder, e.getMessage()));
            } else {
                LOG.info("sync of {} from {} failed: {}", author, seeder, e.getMessage());
            }
        }
    }

    private boolean allHeld(List<Cid> cids) throws StoreException {
        for (Cid c : cids) {
            if (!log.has(c)) {
                return false;
            }
        }
        return true;
    }

    /** After new entries: move the pins to the new heads, fetch their content, tell everyone. */
    private void added(Ed25519PublicKey author, List<LogEntry> oldHeads, List<LogEntry> entries, boolean own)
            throws StoreException {
        Set<Cid> heads = new HashSet<>();
        for (LogEntry h : log.heads(author)) {
            blocks.pin(h.cid());
            heads.add(h.cid());
        }
        for (LogEntry h : oldHeads) {
            if (!heads.contains(h.cid())) {
                blocks.unpin(h.cid());
            }
        }
        view.invalidate(author);
        events.accept(new NodeEvent.EntriesAdded(author, entries, own));
        for (LogEntry e : entries) {
            fetchContent(author, e);
        }
    }

    private void fetchContent(Ed25519PublicKey author, LogEntry e) {
        List<Cid> roots = new ArrayList<>();
        e.entry().params().values().forEach((name, value) -> {
            boolean linked = e.entry().action().param(name).map(p -> p.type() == ParamType.LINKED_CID).orElse(false);
            if (linked && value instanceof ParamValue.CidValue c) {
                roots.add(c.value());
            }
        });
        List<CompletableFuture<?>> fetches = new ArrayList<>();
        for (Cid root : roots) {
            fetches.add(bitswap.fetchDag(root, blocks, CONTENT_PARALLELISM, DagProgress.NONE));
        }
        CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).whenComplete((r, err) -> {
            if (err != null) {
                LOG.info("content of {} by {} not fetched yet: {}", e.cid(), author, err.getMessage());
            } else {
                if (!roots.isEmpty()) {
                    view.invalidate(author);
                }
                events.accept(new NodeEvent.ContentHeld(author, e));
            }
        });
    }

    private Optional<Entry> lookup(Cid cid) {
        try {
            return log.get(cid).map(LogEntry::entry);
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private final Map<Ed25519PublicKey, Object> locks = new ConcurrentHashMap<>();

    private Object lock(Ed25519PublicKey author) {
        return locks.computeIfAbsent(author, a -> new Object());
    }

    void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
