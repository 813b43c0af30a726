package io.solcial.exchange.bitswap;

import io.solcial.content.Block;
import io.solcial.content.BlockFormatException;
import io.solcial.content.BlockSink;
import io.solcial.content.DagPb;
import io.solcial.content.StoreException;
import io.solcial.multiformats.Cid;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Bitswap#fetchDag}: walks dag-pb links breadth-first with at most {@code parallelism}
 * blocks in flight, putting every block into the sink and then telling {@code stored}. Loop thread only.
 */
final class DagWalk {
    private static final Logger LOG = LoggerFactory.getLogger(DagWalk.class);

    private final Cid root;
    private final BlockSink sink;
    private final int parallelism;
    private final DagProgress progress;
    private final LocalBlocks local;
    private final Function<Cid, CompletableFuture<Block>> fetch;
    private final ServiceLoop loop;
    private final Consumer<Block> stored;
    private final CompletableFuture<DagFetchResult> result = new CompletableFuture<>();
    private final ArrayDeque<Cid> queue = new ArrayDeque<>();
    private final Set<Cid> seen = new HashSet<>();
    private int inFlight;
    private long blocks;
    private long bytes;
    private long fromNetwork;

    DagWalk(Cid root, BlockSink sink, int parallelism, DagProgress progress, LocalBlocks local,
            Function<Cid, CompletableFuture<Block>> fetch, ServiceLoop loop, Consumer<Block> stored) {
        this.root = root;
        this.sink = sink;
        this.parallelism = parallelism;
        this.progress = progress;
        this.local = local;
        this.fetch = fetch;
        this.loop = loop;
        this.stored = stored;
        queue.add(root);
        seen.add(root);
    }

    CompletableFuture<DagFetchResult> result() {
        return result;
    }

    void pump() {
        while (!result.isDone() && inFlight < parallelism && !queue.isEmpty()) {
            Cid cid = queue.poll();
            inFlight++;
            Optional<Block> have = local.get(cid);
            boolean network = have.isEmpty();
            CompletableFuture<Block> f = network ? fetch.apply(cid) : CompletableFuture.completedFuture(have.get());
            f.whenCompleteAsync((b, e) -> done(b, e, network), loop.executor());
        }
        if (!result.isDone() && inFlight == 0 && queue.isEmpty()) {
            result.complete(new DagFetchResult(root, blocks, bytes, fromNetwork));
        }
    }

    private void done(Block b, Throwable e, boolean network) {
        inFlight--;
        if (result.isDone()) {
            return;
        }
        if (e != null) {
            result.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            return;
        }
        try {
            sink.put(b);
            stored.accept(b);
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
            LOG.warn("bitswap progress callback failed", ex);
        }
        pump();
    }
}
