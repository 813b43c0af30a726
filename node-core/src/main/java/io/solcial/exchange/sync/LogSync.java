package io.solcial.exchange.sync;

import io.solcial.content.Block;
import io.solcial.content.StoreException;
import io.solcial.exchange.bitswap.Bitswap;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.log.Entry;
import io.solcial.log.EntryCodec;
import io.solcial.log.EntryValidator;
import io.solcial.log.InvalidEntryException;
import io.solcial.log.LogEntry;
import io.solcial.log.LogStore;
import io.solcial.multiformats.Cid;
import io.solcial.net.Host;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.RequestResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Syncs one author's log from one seeder: asks for its heads and the CIDs of the entries it holds
 * after ours, fetches the missing blocks over bitswap from that seeder ({@value #WINDOW} in flight),
 * follows {@code prev} links for anything the listing left out, validates oldest first and stores
 * every entry that passes. Blocking: run it on a worker thread.
 */
public final class LogSync {
    /** Entry blocks requested at once. */
    public static final int WINDOW = 256;
    /** Most entries fetched one by one along prev links (outside the seeder's listing) in one sync. */
    public static final int MAX_WALK = 100_000;
    private static final Comparator<LogEntry> ORDER = Comparator.comparingLong(LogEntry::seq).thenComparing(LogEntry::cid);

    private final Host host;
    private final Bitswap bitswap;
    private final LogStore store;
    private final EntryValidator validator;
    private final Duration timeout;

    /** @param timeout for the HEAD request and for each block */
    public LogSync(Host host, Bitswap bitswap, LogStore store, EntryValidator validator, Duration timeout) {
        this.host = host;
        this.bitswap = bitswap;
        this.store = store;
        this.validator = validator;
        this.timeout = timeout;
    }

    /** What one sync did. */
    public record Result(Ed25519PublicKey author, PeerId seeder, int added, long held, List<LogEntry> newEntries) {
    }

    /** Asks {@code seeder} what it holds of {@code author}'s log. */
    public HeadResponse heads(PeerId seeder, HeadRequest request) throws SyncException, InterruptedException {
        byte[] reply = await(RequestResponse.call(host, seeder, SyncCodec.PROTOCOL_ID, SyncCodec.encode(request),
                SyncCodec.MAX_RESPONSE_SIZE, timeout), seeder, "HEAD request");
        try {
            return SyncCodec.decodeResponse(reply);
        } catch (ProtocolViolationException e) {
            // a malformed answer ends this sync (docs/protocol.md: the stream is reset, the connection
            // stays); only entries that fail validation get a seeder banned
            throw new SyncException(SyncException.Kind.UNAVAILABLE, seeder, "bad HEAD response: " + e.getMessage(), e);
        }
    }

    /** Brings {@code author}'s log here up to what {@code seeder} holds. */
    public Result syncFrom(PeerId seeder, Ed25519PublicKey author, Consumer<SyncProgress> progress)
            throws SyncException, InterruptedException {
        Run run = new Run(seeder, author, progress);
        run.heldAtStart = run.storeCall(() -> store.count(author));
        long after = run.storeCall(() -> store.maxSeq(author));
        HeadResponse r = heads(seeder, new HeadRequest(author, after, SyncCodec.MAX_ENTRIES));
        run.known = r.count();
        while (true) {
            long last = run.fetchAndApply(r.entries());
            if (!r.more() || r.entries().isEmpty()) {
                break;
            }
            long next = last - 1 > after ? last - 1 : last;
            if (next <= after) {
                break; // a listing that does not move on (a seeder repeating itself): stop paging
            }
            after = next;
            r = heads(seeder, new HeadRequest(author, after, SyncCodec.MAX_ENTRIES));
        }
        run.fetchAndApply(r.heads());
        return new Result(author, seeder, run.added.size(), run.heldAtStart + run.added.size(), run.added);
    }

    private final class Run {
        final PeerId seeder;
        final Ed25519PublicKey author;
        final Consumer<SyncProgress> progress;
        final List<LogEntry> added = new ArrayList<>();
        long known;
        long heldAtStart;
        int walked;

        Run(PeerId seeder, Ed25519PublicKey author, Consumer<SyncProgress> progress) {
            this.seeder = seeder;
            this.author = author;
            this.progress = progress;
        }

        /**
         * Fetches the listed entries not held yet from the seeder and applies them, {@value #WINDOW}
         * at a time: the next chunk is requested before the current one is validated and stored,
         * so the network and the CPU work overlap. Returns the largest seq seen.
         */
        long fetchAndApply(List<Cid> cids) throws SyncException, InterruptedException {
            List<Cid> missing = new ArrayList<>();
            long maxSeq = 0;
            for (Cid cid : new LinkedHashSet<>(cids)) {
                Optional<LogEntry> held = storeCall(() -> store.get(cid));
                if (held.isPresent()) {
                    maxSeq = Math.max(maxSeq, held.get().seq()); // listed and held: paging still moves past it
                } else {
                    missing.add(cid);
                }
            }
            Map<Cid, CompletableFuture<Block>> next = request(missing, 0);
            for (int from = 0; from < missing.size(); from += WINDOW) {
                Map<Cid, CompletableFuture<Block>> current = next;
                Map<Cid, Block> blocks = new LinkedHashMap<>();
                for (Map.Entry<Cid, CompletableFuture<Block>> f : current.entrySet()) {
                    blocks.put(f.getKey(), await(f.getValue(), seeder, "entry " + f.getKey()));
                }
                next = request(missing, from + WINDOW);
                maxSeq = Math.max(maxSeq, apply(blocks));
            }
            return maxSeq;
        }

        Map<Cid, CompletableFuture<Block>> request(List<Cid> cids, int from) {
            Map<Cid, CompletableFuture<Block>> out = new LinkedHashMap<>();
            for (Cid cid : cids.subList(Math.min(from, cids.size()), Math.min(from + WINDOW, cids.size()))) {
                out.put(cid, bitswap.get(cid, List.of(seeder), timeout));
            }
            return out;
        }

        /** Validates and stores {@code batch} (plus any missing ancestors), oldest first; returns the largest seq seen. */
        long apply(Map<Cid, Block> batch) throws SyncException, InterruptedException {
            Map<Cid, Block> blocks = new HashMap<>(batch);
            Map<Cid, Checked> decoded = checkAll(batch.values());
            List<LogEntry> pending = new ArrayList<>();
            Deque<Cid> work = new ArrayDeque<>(batch.keySet());
            long maxSeq = 0;
            while (!work.isEmpty()) {
                Cid cid = work.pop();
                Checked c = decoded.computeIfAbsent(cid, k -> check(blocks.get(k)));
                if (c.decodeError() != null) {
                    throw invalid(cid, c.decodeError());
                }
                Entry entry = c.entry();
                pending.add(new LogEntry(cid, entry));
                maxSeq = Math.max(maxSeq, entry.seq());
                for (Cid prev : entry.prev()) {
                    if (!blocks.containsKey(prev) && !storeCall(() -> store.has(prev))) {
                        if (++walked > MAX_WALK) {
                            throw new SyncException(SyncException.Kind.UNAVAILABLE, seeder,
                                    "more than " + MAX_WALK + " entries outside the seeder's listing", null);
                        }
                        blocks.put(prev, await(bitswap.get(prev, List.of(seeder), timeout), seeder, "entry " + prev));
                        work.push(prev);
                    }
                }
            }
            pending.sort(ORDER);
            Map<Cid, Entry> validated = new HashMap<>();
            List<LogStore.Item> valid = new ArrayList<>();
            try {
                for (LogEntry e : pending) {
                    if (decoded.get(e.cid()).signedError() != null) {
                        throw invalid(e.cid(), decoded.get(e.cid()).signedError());
                    }
                    place(e, validated);
                    validated.put(e.cid(), e.entry());
                    valid.add(new LogStore.Item(e, blocks.get(e.cid())));
                }
            } catch (SyncException invalid) {
                try {
                    store(valid); // what validated before the bad entry is kept
                } catch (SyncException storeFailed) {
                    invalid.addSuppressed(storeFailed);
                }
                throw invalid;
            }
            store(valid);
            return maxSeq;
        }

        void store(List<LogStore.Item> valid) throws SyncException {
            for (LogEntry e : storeCall(() -> store.addAll(valid))) {
                added.add(e);
                progress.accept(new SyncProgress(author, seeder, known, added.size(), heldAtStart + added.size()));
            }
        }

        /**
         * Decodes each block and runs the per-entry checks (author, signature, clock) on all cores:
         * they are independent and the bulk of the CPU work. Failures are kept, to be raised in
         * walk and (seq, CID) order, exactly as a sequential check would.
         */
        Map<Cid, Checked> checkAll(Collection<Block> batch) {
            return batch.parallelStream().collect(Collectors.toConcurrentMap(Block::cid, this::check, (a, b) -> a));
        }

        Checked check(Block block) {
            Entry entry;
            try {
                entry = EntryCodec.decode(block);
            } catch (InvalidEntryException e) {
                return new Checked(null, e, null);
            }
            try {
                validator.checkSigned(entry, author);
                return new Checked(entry, null, null);
            } catch (InvalidEntryException e) {
                return new Checked(entry, null, e);
            }
        }

        void place(LogEntry e, Map<Cid, Entry> validated) throws SyncException {
            try {
                validator.checkPlacement(e.entry(), cid -> Optional.ofNullable(validated.get(cid)).or(() -> uncheckedGet(cid)));
            } catch (InvalidEntryException x) {
                throw invalid(e.cid(), x);
            }
        }

        Optional<Entry> uncheckedGet(Cid cid) {
            try {
                return store.get(cid).map(LogEntry::entry);
            } catch (StoreException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        SyncException invalid(Cid cid, InvalidEntryException e) {
            return new SyncException(SyncException.Kind.INVALID_ENTRY, seeder,
                    "entry " + cid + " of " + author + " from " + seeder + " is invalid: " + e.getMessage(), e);
        }

        <T> T storeCall(StoreCall<T> call) throws SyncException {
            try {
                return call.get();
            } catch (StoreException | IllegalStateException e) {
                throw new SyncException(SyncException.Kind.STORE, seeder, "store failed: " + e.getMessage(), e);
            }
        }
    }

    /** A block decoded and checked on its own: the entry, or why it failed. */
    private record Checked(Entry entry, InvalidEntryException decodeError, InvalidEntryException signedError) {
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T get() throws StoreException;
    }

    private static <T> T await(CompletableFuture<T> f, PeerId seeder, String what) throws SyncException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SyncException(SyncException.Kind.UNAVAILABLE, seeder,
                    what + " from " + seeder + " failed: " + cause.getMessage(), cause);
        }
    }
}
