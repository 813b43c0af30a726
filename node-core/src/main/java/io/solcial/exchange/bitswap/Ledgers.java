package io.solcial.exchange.bitswap;

import io.solcial.identity.PeerId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Per-peer exchange totals, kept across reconnects; written on the service loop, read from anywhere. */
final class Ledgers {
    private final Map<PeerId, Counters> byPeer = new ConcurrentHashMap<>();

    Ledger snapshot(PeerId peer) {
        Counters c = byPeer.get(peer);
        return c == null ? new Ledger(0, 0, 0, 0, 0, 0, 0)
                : new Ledger(c.bytesSent.get(), c.bytesReceived.get(), c.blocksSent.get(), c.blocksReceived.get(),
                        (int) c.wantlistSize.get(), c.pendingToSend.get(), c.pendingToReceive.get());
    }

    void received(PeerId peer, int bytes) {
        Counters c = counters(peer);
        c.bytesReceived.addAndGet(bytes);
        c.blocksReceived.incrementAndGet();
    }

    void sent(PeerId peer, long bytes, int blocks) {
        Counters c = counters(peer);
        c.bytesSent.addAndGet(bytes);
        c.blocksSent.addAndGet(blocks);
    }

    void wantlistSize(PeerId peer, int entries) {
        counters(peer).wantlistSize.set(entries);
    }

    /** Bytes of wanted blocks we have and not yet sent to {@code peer}. */
    void pendingToSend(PeerId peer, long bytes) {
        counters(peer).pendingToSend.set(bytes);
    }

    /** The {@code pendingBytes} of {@code peer}'s latest response. */
    void pendingToReceive(PeerId peer, long bytes) {
        counters(peer).pendingToReceive.set(bytes);
    }

    private Counters counters(PeerId peer) {
        return byPeer.computeIfAbsent(peer, p -> new Counters());
    }

    private static final class Counters {
        final AtomicLong bytesSent = new AtomicLong();
        final AtomicLong bytesReceived = new AtomicLong();
        final AtomicLong blocksSent = new AtomicLong();
        final AtomicLong blocksReceived = new AtomicLong();
        final AtomicLong wantlistSize = new AtomicLong();
        final AtomicLong pendingToSend = new AtomicLong();
        final AtomicLong pendingToReceive = new AtomicLong();
    }
}
