package io.solcial.exchange.bitswap;

import io.solcial.content.Block;
import io.solcial.exchange.bitswap.BitswapMessage.Entry;
import io.solcial.exchange.bitswap.BitswapMessage.Presence;
import io.solcial.exchange.bitswap.BitswapMessage.WantType;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multihash;
import io.solcial.net.ProtocolViolationException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client side: our wants and which peers we asked. One connected peer gets a want-block;
 * several get a want-have each and the first that has the block gets the want-block (the next one
 * if that peer then says DontHave or disconnects). A block is accepted only from a peer we asked
 * for it, while wanted or within {@link BitswapConfig#cancelGrace()} after the want ended.
 * Loop thread only.
 */
final class WantManager {
    private final BitswapNetwork net;
    private final ServiceLoop loop;
    private final Ledgers ledgers;
    private final BitswapConfig config;
    private final Map<Multihash, Want> wants = new HashMap<>();
    /** Per peer, multihashes we asked it for: Long.MAX_VALUE while wanted, else the end of the cancel grace (nanoTime). */
    private final Map<PeerId, Map<Multihash, Long>> asked = new HashMap<>();
    private boolean sweepScheduled;

    WantManager(BitswapNetwork net, ServiceLoop loop, Ledgers ledgers, BitswapConfig config) {
        this.net = net;
        this.loop = loop;
        this.ledgers = ledgers;
        this.config = config;
    }

    private static final class Want {
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

    /**
     * The block named {@code cid} from the network: a new want asks {@code only} (every connected
     * peer if empty); a pending want for the same block is shared and also asks {@code only}.
     */
    CompletableFuture<Block> want(Cid cid, List<PeerId> only, Duration timeout) {
        Want w = wants.get(cid.multihash());
        if (w == null) {
            Want want = new Want(cid);
            wants.put(cid.multihash(), want);
            want.timeout = loop.schedule(() -> fail(want, new TimeoutException("no peer sent " + cid + " within " + timeout)),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            start(want, only);
            return want.future;
        }
        if (!only.isEmpty()) {
            addPeers(w, only);
        }
        return w.future;
    }

    private void start(Want w, List<PeerId> only) {
        List<PeerId> candidates = net.connectedPeers();
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
        List<PeerId> connected = net.connectedPeers();
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
        askedBy(p).put(w.cid.multihash(), Long.MAX_VALUE);
        net.queueEntry(p, Entry.want(w.cid, WantType.HAVE, true));
    }

    private void askBlock(Want w, PeerId p) {
        w.asked.add(p);
        w.blockPeer = p;
        askedBy(p).put(w.cid.multihash(), Long.MAX_VALUE);
        net.queueEntry(p, Entry.want(w.cid, WantType.BLOCK, true));
    }

    private Map<Multihash, Long> askedBy(PeerId p) {
        return asked.computeIfAbsent(p, k -> new HashMap<>());
    }

    void onPresence(PeerId from, Presence presence) {
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
            withoutPeer(w, from);
        }
    }

    /** {@code p} will not send {@code w}'s block: the next peer that has it is asked, or the want fails if none is left. */
    private void withoutPeer(Want w, PeerId p) {
        w.havePeers.remove(p);
        if (p.equals(w.blockPeer)) {
            w.blockPeer = null;
            nextBlockPeer(w);
        }
        checkExhausted(w);
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

    void onBlock(PeerId from, Block block) throws ProtocolViolationException {
        Multihash mh = block.cid().multihash();
        Map<Multihash, Long> ours = asked.get(from);
        Long until = ours == null ? null : ours.get(mh);
        if (until == null || until < System.nanoTime()) {
            throw new ProtocolViolationException("bitswap: peer sent block " + block.cid() + " we did not ask it for");
        }
        ledgers.received(from, block.size());
        Want w = wants.remove(mh);
        if (w == null) {
            return; // a duplicate within the cancel grace period
        }
        w.timeout.cancel(false);
        finish(w, from);
        w.future.complete(block);
    }

    /** Wants we could not send to {@code peer}: an unreachable peer counts as one without the blocks. */
    void wantsNotSent(PeerId peer, List<Entry> entries) {
        for (Entry entry : entries) {
            if (!entry.cancel() && wants.containsKey(entry.cid().multihash())) {
                onPresence(peer, new Presence(entry.cid(), false));
            }
        }
    }

    void peerConnected(PeerId p) {
        for (Want w : List.copyOf(wants.values())) {
            if (!w.asked.contains(p)) {
                askHave(w, p);
            }
        }
    }

    void peerDisconnected(PeerId p) {
        asked.remove(p);
        for (Want w : List.copyOf(wants.values())) {
            if (w.asked.remove(p)) {
                w.dontHave.remove(p);
                withoutPeer(w, p);
            }
        }
    }

    int askRecords() {
        return asked.values().stream().mapToInt(Map::size).sum();
    }

    void failAll(Throwable cause) {
        for (Want w : List.copyOf(wants.values())) {
            fail(w, cause);
        }
    }

    private void fail(Want w, Throwable cause) {
        if (wants.get(w.cid.multihash()) != w) {
            return;
        }
        wants.remove(w.cid.multihash());
        if (w.timeout != null) {
            w.timeout.cancel(false);
        }
        finish(w, null);
        w.future.completeExceptionally(cause);
    }

    /** Cancels the want with every peer asked (except {@code servedBy}, which dropped it when sending). */
    private void finish(Want w, PeerId servedBy) {
        long graceEnd = System.nanoTime() + config.cancelGrace().toNanos();
        for (PeerId p : w.asked) {
            Map<Multihash, Long> ours = asked.get(p);
            if (ours == null) {
                continue;
            }
            ours.put(w.cid.multihash(), graceEnd);
            if (!p.equals(servedBy) && !w.dontHave.contains(p)) {
                net.queueEntry(p, Entry.cancel(w.cid));
            }
        }
        scheduleSweep();
    }

    private void scheduleSweep() {
        if (!sweepScheduled) {
            sweepScheduled = true;
            loop.schedule(() -> loop.run(this::sweep), config.cancelGrace().toMillis() + 1, TimeUnit.MILLISECONDS);
        }
    }

    /** Forgets asks whose cancel grace is over (and peers with none left); again later while some remain. */
    private void sweep() {
        sweepScheduled = false;
        long now = System.nanoTime();
        boolean graceLeft = false;
        for (var it = asked.values().iterator(); it.hasNext(); ) {
            Map<Multihash, Long> ours = it.next();
            ours.values().removeIf(until -> until < now);
            graceLeft |= ours.values().stream().anyMatch(until -> until != Long.MAX_VALUE);
            if (ours.isEmpty()) {
                it.remove();
            }
        }
        if (graceLeft) {
            scheduleSweep();
        }
    }
}
