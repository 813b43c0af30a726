package io.solcial.exchange.bitswap;

import io.solcial.content.Block;
import io.solcial.exchange.bitswap.BitswapMessage.Entry;
import io.solcial.exchange.bitswap.BitswapMessage.Presence;
import io.solcial.exchange.bitswap.BitswapMessage.WantType;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Cid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side: each peer's wantlist with us and what we answer. A want-block is answered with
 * the block; a want-have with Have (or the block itself when it is at most
 * {@link BitswapConfig#maxInlineBlockSize()}); a want for a block we lack with DontHave if the peer
 * asked for that, else it stays in the wantlist. Blocks are batched into messages of at most
 * {@link Bitswap#MAX_OUTGOING_BLOCK_BYTES}, with at most {@link BitswapConfig#maxQueuedBytesPerPeer()}
 * bytes in flight to one peer. Every response says in {@code pendingBytes} how many bytes of
 * blocks the peer wants that we have and have not sent yet. A want we could not answer stays until
 * the peer cancels it and is served when {@link #blockAdded} tells us the block arrived.
 * Loop thread only.
 */
final class DecisionEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionEngine.class);

    private final BitswapNetwork net;
    private final ServiceLoop loop;
    private final LocalBlocks blocks;
    private final Ledgers ledgers;
    private final BitswapConfig config;
    private final Map<PeerId, PeerWants> peers = new HashMap<>();

    DecisionEngine(BitswapNetwork net, ServiceLoop loop, LocalBlocks blocks, Ledgers ledgers, BitswapConfig config) {
        this.net = net;
        this.loop = loop;
        this.blocks = blocks;
        this.ledgers = ledgers;
        this.config = config;
    }

    /** One peer's wantlist with us. */
    private static final class PeerWants {
        final PeerId id;
        final LinkedHashMap<Cid, Entry> wantlist = new LinkedHashMap<>();
        /** Wantlist entries not yet looked up. */
        final LinkedHashSet<Cid> pending = new LinkedHashSet<>();
        /** Sizes of the wanted blocks we have and will answer with the block, not yet sent. */
        final Map<Cid, Integer> owed = new HashMap<>();
        long owedBytes;
        long queuedBytes;
        boolean serveScheduled;

        PeerWants(PeerId id) {
            this.id = id;
        }
    }

    void onWantlist(PeerId from, BitswapMessage msg) {
        PeerWants ps = peers.computeIfAbsent(from, PeerWants::new);
        if (msg.full()) {
            ps.wantlist.clear();
            ps.pending.clear();
            ps.owed.clear();
            ps.owedBytes = 0;
        }
        for (Entry e : msg.wants()) {
            if (e.cancel()) {
                ps.wantlist.remove(e.cid());
                ps.pending.remove(e.cid());
                settle(ps, e.cid());
            } else if (ps.wantlist.containsKey(e.cid()) || ps.wantlist.size() < config.maxWantlistEntries()) {
                Entry old = ps.wantlist.get(e.cid());
                // a want-block is never downgraded to a want-have
                Entry merged = old != null && old.type() == WantType.BLOCK && e.type() == WantType.HAVE
                        ? new Entry(e.cid(), e.priority(), false, WantType.BLOCK, old.sendDontHave() || e.sendDontHave()) : e;
                ps.wantlist.put(e.cid(), merged);
                ps.pending.add(e.cid());
                settle(ps, e.cid());
                blocks.size(e.cid()).ifPresent(size -> owe(ps, merged, size));
            }
        }
        books(ps);
        scheduleServe(ps);
    }

    /** {@code block} is now in our store: answers the peers that want it. */
    void blockAdded(Block block) {
        Cid cid = block.cid();
        for (PeerWants ps : peers.values()) {
            Entry e = ps.wantlist.get(cid);
            if (e != null) {
                settle(ps, cid);
                owe(ps, e, block.size());
                ps.pending.add(cid);
                books(ps);
                scheduleServe(ps);
            }
        }
    }

    void peerDisconnected(PeerId p) {
        peers.remove(p);
        ledgers.wantlistSize(p, 0);
        ledgers.pendingToSend(p, 0);
    }

    private boolean answersWithBlock(Entry e, int size) {
        return e.type() == WantType.BLOCK || size <= config.maxInlineBlockSize();
    }

    private void owe(PeerWants ps, Entry e, int size) {
        if (answersWithBlock(e, size)) {
            ps.owed.put(e.cid(), size);
            ps.owedBytes += size;
        }
    }

    private static void settle(PeerWants ps, Cid cid) {
        Integer size = ps.owed.remove(cid);
        if (size != null) {
            ps.owedBytes -= size;
        }
    }

    private void books(PeerWants ps) {
        ledgers.wantlistSize(ps.id, ps.wantlist.size());
        ledgers.pendingToSend(ps.id, ps.owedBytes);
    }

    private void scheduleServe(PeerWants ps) {
        if (!ps.serveScheduled && !ps.pending.isEmpty()) {
            ps.serveScheduled = true;
            loop.run(() -> serve(ps));
        }
    }

    /** Answers pending wantlist entries while fewer than maxQueuedBytesPerPeer bytes are in flight to the peer. */
    private void serve(PeerWants ps) {
        ps.serveScheduled = false;
        if (peers.get(ps.id) != ps) {
            return;
        }
        List<Block> batch = new ArrayList<>();
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
            Optional<Block> block = blocks.get(cid);
            settle(ps, cid);
            if (block.isPresent()) {
                Block b = block.get();
                if (answersWithBlock(e, b.size())) {
                    if (!batch.isEmpty() && sizeOf(batch) + b.size() > Bitswap.MAX_OUTGOING_BLOCK_BYTES) {
                        respond(ps, batch, presences);
                        batch = new ArrayList<>();
                        presences = new ArrayList<>();
                    }
                    batch.add(b);
                    size += b.size();
                } else {
                    presences.add(new Presence(cid, true));
                }
                ps.wantlist.remove(cid);
            } else if (e.sendDontHave()) {
                presences.add(new Presence(cid, false));
                ps.wantlist.remove(cid);
            }
            // else: stays in the wantlist (counts against the cap) until the peer cancels it or blockAdded
        }
        books(ps);
        respond(ps, batch, presences);
        scheduleServe(ps);
    }

    private static int sizeOf(List<Block> blocks) {
        int n = 0;
        for (Block b : blocks) {
            n += b.size();
        }
        return n;
    }

    private void respond(PeerWants ps, List<Block> batch, List<Presence> presences) {
        if (batch.isEmpty() && presences.isEmpty()) {
            return;
        }
        int sent = sizeOf(batch);
        int count = batch.size();
        ps.queuedBytes += sent;
        int pendingBytes = (int) Math.min(ps.owedBytes, Integer.MAX_VALUE);
        // booked when handed to the stream: a peer that resets its stream after reading (Helia opens
        // one per message) fails our write future although it got every byte
        ledgers.sent(ps.id, sent, count);
        net.send(ps.id, new BitswapMessage(List.of(), false, batch, presences, pendingBytes)).whenCompleteAsync((v, e) -> {
            ps.queuedBytes -= sent;
            if (e != null) {
                LOG.debug("bitswap: sending to {} failed", ps.id, e);
            }
            scheduleServe(ps);
        }, loop.executor());
    }
}
