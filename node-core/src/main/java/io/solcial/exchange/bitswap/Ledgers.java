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
        return c == null ? new Ledger(0, 0, 0, 0, 0)
                : new Ledger(c.bytesSent.get(), c.bytesReceived.get(), c.blocksSent.get(), c.blocksReceived.get(),
                        (int) c.wantlistSize.get());
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

    private Counters counters(PeerId peer) {
        return byPeer.computeIfAbsent(peer, p -> new Counters());
    }

    private static final class Counters {
        final AtomicLong bytesSent = new AtomicLong();
        final AtomicLong bytesReceived = new AtomicLong();
        final AtomicLong blocksSent = new AtomicLong();
        final AtomicLong blocksReceived = new AtomicLong();
        final AtomicLong wantlistSize = new AtomicLong();
    }
}
