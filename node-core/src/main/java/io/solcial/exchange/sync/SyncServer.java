package io.solcial.exchange.sync;

import io.solcial.content.StoreException;
import io.solcial.log.LogEntry;
import io.solcial.log.LogStore;
import io.solcial.multiformats.Cid;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.RequestResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Answers HEAD requests from the node's {@link LogStore}: anyone may ask about any author held here. */
public final class SyncServer {
    private final LogStore store;
    private final Executor executor;

    /** @param executor where the store is read (never a network thread) */
    public SyncServer(LogStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    public ProtocolHandler protocolHandler() {
        return RequestResponse.server(SyncCodec.PROTOCOL_ID, SyncCodec.MAX_REQUEST_SIZE, (peer, bytes) -> {
            HeadRequest request;
            try {
                request = SyncCodec.decodeRequest(bytes);
            } catch (ProtocolViolationException e) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.supplyAsync(() -> SyncCodec.encode(answer(request)), executor);
        });
    }

    /** What this node holds of the requested log. */
    public HeadResponse answer(HeadRequest request) {
        try {
            List<LogEntry> heads = store.heads(request.author());
            if (heads.isEmpty()) {
                return HeadResponse.empty();
            }
            List<Cid> entries = request.maxEntries() == 0 ? List.of()
                    : store.cidsAfter(request.author(), request.afterSeq(), request.maxEntries() + 1);
            boolean more = entries.size() > request.maxEntries();
            return new HeadResponse(heads.stream().limit(SyncCodec.MAX_HEADS).map(LogEntry::cid).toList(),
                    store.maxSeq(request.author()), store.count(request.author()),
                    more ? entries.subList(0, request.maxEntries()) : entries, more);
        } catch (StoreException e) {
            throw new IllegalStateException("cannot read the log of " + request.author() + ": " + e.getMessage(), e);
        }
    }
}
