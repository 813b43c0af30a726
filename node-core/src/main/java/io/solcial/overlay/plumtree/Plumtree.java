package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Bytes;
import io.solcial.overlay.Cancellable;
import io.solcial.overlay.NeighborListener;
import io.solcial.overlay.OverlayEnvironment;
import io.solcial.overlay.Topic;
import io.solcial.overlay.plumtree.MissingMessages.Announcer;
import io.solcial.overlay.plumtree.PayloadValidator.Validation;
import io.solcial.overlay.plumtree.PlumtreeMessage.Announcement;
import io.solcial.overlay.plumtree.PlumtreeMessage.Gossip;
import io.solcial.overlay.plumtree.PlumtreeMessage.Graft;
import io.solcial.overlay.plumtree.PlumtreeMessage.IHave;
import io.solcial.overlay.plumtree.PlumtreeMessage.Prune;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plumtree broadcast for one topic over the neighbours HyParView reports (a pure state machine:
 * every call comes on the overlay thread, see {@link OverlayEnvironment}).
 *
 * <p>New neighbours start eager. The first copy of a message is validated, delivered once, pushed
 * in full to the other eager peers and announced (IHAVE, batched) to the lazy ones, except those
 * that announced it first; its sender becomes eager. A duplicate makes its sender lazy (PRUNE),
 * unless the link the first copy came by has been pruned since (then the duplicate's sender is the
 * node's new way into the tree) or the sender grafted the link less than 2 s ago (copies sent
 * before the GRAFT are still in flight). An id announced but not received within {@code graftTimeout} is
 * requested from its first announcer (GRAFT, which also makes the link eager), then from the next
 * one every {@code secondGraftTimeout}. When a lazy peer announces a message at least {@code
 * optimizationThreshold} hops closer to its origin than the eager parent delivered it, the lazy
 * link is grafted and the parent pruned: when the IHAVE came first (as in the paper, after the
 * message was pushed on, so the announcer does not get back what it announced), and also
 * when it came after the message, unless some announced id is still missing (the tree is being
 * repaired).
 *
 * <p>Only current neighbours change the eager and lazy sets or receive control messages; a GOSSIP
 * from anyone else (a link going down while the message was in flight) is still delivered.
 */
public final class Plumtree implements NeighborListener {
    private static final Logger LOG = LoggerFactory.getLogger(Plumtree.class);
    private static final int UNKNOWN = Integer.MIN_VALUE;

    private final PeerId self;
    private final Topic topic;
    private final PlumtreeConfig config;
    private final OverlayEnvironment<PlumtreeMessage> env;
    /** {@code env}'s clock, read on every message (in the simulator one object for all nodes). */
    private final LongSupplier clock;
    private final PayloadValidator validator;
    private final PlumtreeListener listener;

    /** The neighbours, each eager or lazy, with their queued IHAVE ids. */
    private final Neighbors links = new Neighbors();
    /**
     * Every id delivered (or refused), with how it arrived (exactly-once and optimisation), and
     * for a shorter time the payloads delivered, to answer GRAFTs.
     */
    private final MessageMemory<MessageId, Received, Bytes> memory;
    private final MissingMessages missing;
    private Cancellable ihaveFlush;
    /** {@link #flushIHaves}, made once rather than on every scheduling. */
    private final Runnable flushTask = this::flushIHaves;
    /**
     * The id last put in {@link #memory}, until when it is remembered, the rounds at which an
     * announcement of it would re-parent as it arrived (a re-parenting since only lowers its hop
     * count, and {@link #optimize} checks again) and whether IHAVEs wait to be flushed: this
     * Plumtree's slot of a table that may hold many. Most IHAVEs announce the message just
     * delivered, and answering them then reads no map and no entry.
     */
    private final LatestMessages latestTable;
    private final int slot;
    /** How the latest id arrived. */
    private Received latest;
    /** How long a link a peer grafted survives its duplicates: GRAFT timeout + two IHAVE intervals (2 s). */
    private final long graftGraceMillis;

    /** Kept apart so that the fields every IHAVE reads share fewer cache lines. */
    private final Counters counters = new Counters();

    public Plumtree(
            PeerId self,
            Topic topic,
            PlumtreeConfig config,
            OverlayEnvironment<PlumtreeMessage> env,
            PayloadValidator validator,
            PlumtreeListener listener) {
        this(self, topic, config, env, validator, listener, new LatestMessages());
    }

    /**
     * A Plumtree that keeps its latest id in a new slot of {@code latestTable}, which many
     * Plumtrees on one thread may share (see {@link LatestMessages}).
     */
    public Plumtree(
            PeerId self,
            Topic topic,
            PlumtreeConfig config,
            OverlayEnvironment<PlumtreeMessage> env,
            PayloadValidator validator,
            PlumtreeListener listener,
            LatestMessages latestTable) {
        this.self = self;
        this.topic = topic;
        this.config = config;
        this.env = env;
        this.clock = env.clock();
        this.validator = validator;
        this.listener = listener;
        this.memory = new MessageMemory<>(config.seenTtl().toMillis(), config.seenMaxIds(),
                config.cacheTtl().toMillis(), config.cacheMaxMessages(), config.cacheMaxBytes(), Bytes::length);
        this.missing = new MissingMessages(config.maxMissingIds(), config.maxAnnouncersPerId());
        this.graftGraceMillis = config.graftTimeout().toMillis() + 2 * config.ihaveInterval().toMillis();
        this.latestTable = latestTable;
        this.slot = latestTable.add(topic);
    }

    /** This Plumtree's slot in its {@link LatestMessages} table. */
    public int latestSlot() {
        return slot;
    }

    /**
     * Reads what handling {@code message} (or with null, any message or timer) reads first: this
     * object, its neighbours and their ids, and for a GOSSIP where its id would be found or put in
     * {@link #memory}. Changes nothing; the value returned means nothing. For a simulator of
     * thousands of nodes, which calls it for the targets of many messages at once so that their
     * cache misses overlap.
     */
    public int prefetch(PlumtreeMessage message) {
        int sum = links.size();
        if (message instanceof Gossip g) {
            sum += memory.prefetch(g.id()) + missing.size() + (int) counters.delivered;
        }
        if (message == null || message instanceof Gossip) {
            // a timer (the IHAVE flush) or a first copy sends to the neighbours
            sum += env.prefetch();
        }
        return sum;
    }

    public Topic topic() {
        return topic;
    }

    /**
     * Delivers {@code payload} locally and pushes it to the tree. Broadcasting a payload already
     * seen (same id) does nothing more than return its id.
     */
    public MessageId broadcast(Bytes payload) {
        if (payload.length() > PlumtreeConstants.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload of " + payload.length() + " bytes exceeds "
                    + PlumtreeConstants.MAX_PAYLOAD_LENGTH);
        }
        MessageId id = MessageId.of(payload);
        long now = clock.getAsLong();
        if (memory.containsKey(id, now)) {
            return id;
        }
        remember(id, new Received(0, null, false), payload, now);
        missing.remove(id);
        counters.delivered++;
        listener.deliver(new Delivery(topic, id, payload, 0, self));
        push(id, payload, 1, null);
        return id;
    }

    /** Handles one message from {@code from}; messages of another topic are ignored. */
    public void receive(PeerId from, PlumtreeMessage message) {
        if (!message.topic().equals(topic)) {
            LOG.debug("ignoring {} for topic {} on {}", message.getClass().getSimpleName(), message.topic(), topic);
            return;
        }
        if (message instanceof Gossip g) {
            onGossip(from, g);
        } else if (message instanceof IHave h) {
            onIHave(from, h);
        } else if (message instanceof Graft g) {
            onGraft(from, g);
        } else {
            onPrune(from);
        }
    }

    @Override
    public void neighborUp(PeerId peer) {
        if (!peer.equals(self)) {
            links.add(peer);
        }
    }

    @Override
    public void neighborDown(PeerId peer) {
        links.remove(peer);
        missing.removePeer(peer);
    }

    /** Cancels every timer; the instance must not be used afterwards. */
    public void stop() {
        missing.clear();
        if (ihaveFlush != null) {
            ihaveFlush.cancel();
            ihaveFlush = null;
            latestTable.setFlushPending(slot, false);
        }
        links.clearQueues();
    }

    public Set<PeerId> eagerPeers() {
        return peers(true);
    }

    public Set<PeerId> lazyPeers() {
        return peers(false);
    }

    private Set<PeerId> peers(boolean eager) {
        Set<PeerId> peers = new HashSet<>();
        for (int i = 0; i < links.size(); i++) {
            if (links.isEager(i) == eager) {
                peers.add(links.peer(i));
            }
        }
        return Set.copyOf(peers);
    }

    public PlumtreeStats stats() {
        Counters c = counters;
        return new PlumtreeStats(c.gossipSent, c.ihaveSent, c.ihaveIdsSent, c.graftSent, c.pruneSent, c.delivered,
                c.duplicatesReceived, c.invalidReceived, c.optimizations);
    }

    /** Payloads currently kept for GRAFTs. */
    public int cachedMessages() {
        return memory.payloads(clock.getAsLong());
    }

    /** Ids currently remembered for exactly-once delivery. */
    public int seenMessages() {
        return memory.size(clock.getAsLong());
    }

    /** Announced ids not received yet. */
    public int missingMessages() {
        return missing.size();
    }

    private void onGossip(PeerId from, Gossip g) {
        long now = clock.getAsLong();
        Received known = memory.getOrNull(g.id(), now);
        if (known != null) {
            if (known.rejected) {
                refuse(from, g.id(), "forwarded a message that failed validation");
                return;
            }
            counters.duplicatesReceived++;
            if (isNeighbor(from) && firstPathStillEager(known, from) && !graftedLately(from, now)) {
                makeLazy(from);
                send(from, new Prune(topic));
            }
            return;
        }
        if (!g.id().matches(g.payload())) {
            refuse(from, g.id(), "message id does not match its payload");
            return;
        }
        if (validator.validate(g.payload()) instanceof Validation.Invalid invalid) {
            remember(g.id(), new Received(g.round(), from, true), null, now);
            missing.remove(g.id());
            refuse(from, g.id(), invalid.reason());
            return;
        }
        Received received = new Received(g.round(), isNeighbor(from) ? from : null, false);
        remember(g.id(), received, g.payload(), now);
        counters.delivered++;
        listener.deliver(new Delivery(topic, g.id(), g.payload(), g.round(), from));
        Optional<Announcer> closer = Optional.empty();
        if (isNeighbor(from)) {
            makeEager(from);
            closer = missing.bestAnnouncer(g.id(), from);
        }
        missing.remove(g.id());
        push(g.id(), g.payload(), Math.min(g.round() + 1, PlumtreeConstants.MAX_ROUND), from);
        // after the push, as in the paper: before it, the announcer's link would already be eager and get
        // the message it announced, a duplicate that prunes the new link at once while the old parent is
        // pruned too, cutting this node's subtree off the tree
        closer.ifPresent(a -> optimize(g.id(), received, a.peer(), a.round()));
    }

    /**
     * Whether a duplicate from {@code from} may prune it: only while the link the first copy came
     * by is still eager (or the first copy was ours, or came from outside the view). When that link
     * has meanwhile been pruned (tree optimisation, or a PRUNE from that parent), {@code from} is
     * this node's replacement path into the tree: pruning it too would cut the node off.
     */
    private boolean firstPathStillEager(Received first, PeerId from) {
        return first.parent == null || (!first.parent.equals(from) && isEager(first.parent));
    }

    private void onIHave(PeerId from, IHave h) {
        long now = clock.getAsLong();
        // the link is looked up only when needed: most IHAVEs announce the message just delivered while
        // no IHAVE of ours waits, and change nothing
        int link = UNKNOWN;
        int version = 0;
        for (Announcement a : h.announcements()) {
            if (link != UNKNOWN && links.version() != version) {
                // an optimisation's GRAFT or PRUNE dropped a link on the spot
                link = UNKNOWN;
            }
            MessageId id = a.id();
            boolean isLatest = isLatest(id, now);
            Received known = isLatest ? latest : memory.getOrNull(id, now);
            if (known == null || ihaveFlush != null) {
                // an id to announce, or one to drop from the IHAVEs waiting (none wait between flushes)
                if (link == UNKNOWN) {
                    link = links.indexOf(from);
                    version = links.version();
                }
                if (link < 0) {
                    return;
                }
            }
            if (known != null) {
                if (ihaveFlush != null) {
                    links.unqueue(link, id);
                }
                // an IHAVE after the message: optimise only while no id is missing (the tree is not under
                // repair); during repair such hop counts are transient and re-parenting races the grafts
                int upTo = isLatest ? latestTable.optimisableUpTo(slot) : optimisableUpTo(known);
                if (a.round() <= upTo && missing.size() == 0) {
                    optimize(id, known, from, a.round());
                }
            } else if (missing.announce(id, from, a.round())) {
                missing.setTimer(id, env.schedule(config.graftTimeout(), () -> graftTimerFired(id)));
            }
        }
    }

    /** Records a delivered (or refused: no payload) id, also as the latest one. */
    private void remember(MessageId id, Received received, Bytes payload, long now) {
        applyDeferred();
        memory.put(id, received, payload, now);
        latest = received;
        latestTable.setLatest(slot, id, now + config.seenTtl().toMillis(), optimisableUpTo(received));
    }

    /**
     * Takes the latest id out of the IHAVEs waiting for the peers whose announcement of it the
     * table deferred (see {@link LatestMessages#takeIHave}), as {@link #onIHave} would have done when
     * they came: called before IHAVEs are flushed and before the latest id changes (which comes
     * before {@link #push} queues any).
     *
     * <p>Neighbours may come and go meanwhile: a link that went down took its queue along, and one
     * that came up since has nothing of the id queued (only {@link #push} queues), so skipping
     * or trimming it changes nothing.
     */
    private void applyDeferred() {
        int n = latestTable.deferredCount(slot);
        if (n == 0) {
            return;
        }
        MessageId id = latestTable.latestId(slot);
        for (int i = 0; i < n; i++) {
            int link = links.indexOf(latestTable.deferredSender(slot, i));
            if (link >= 0) {
                links.unqueue(link, id);
            }
        }
        latestTable.clearDeferred(slot);
    }

    /** Whether {@code id} is the latest id remembered and still remembered (it is the newest entry of {@link #memory}). */
    private boolean isLatest(MessageId id, long now) {
        return latestTable.isLatest(slot, id, now);
    }

    /** The highest announced round at which a message that arrived as {@code r} says would re-parent (see {@link #shorter}). */
    private int optimisableUpTo(Received r) {
        return r.rejected || r.parent == null ? Integer.MIN_VALUE : r.round - config.optimizationThreshold();
    }

    private void graftTimerFired(MessageId id) {
        Optional<Announcer> next = missing.pollAnnouncer(id);
        while (next.isPresent() && !isNeighbor(next.get().peer())) {
            next = missing.pollAnnouncer(id);
        }
        if (next.isEmpty()) {
            missing.remove(id);
            return;
        }
        missing.setTimer(id, env.schedule(config.secondGraftTimeout(), () -> graftTimerFired(id)));
        Announcer a = next.get();
        makeEager(a.peer());
        send(a.peer(), new Graft(topic, Optional.of(id), a.round()));
    }

    private void onGraft(PeerId from, Graft g) {
        int link = links.indexOf(from);
        if (link < 0) {
            return;
        }
        links.setEager(link, true);
        links.setGraftedAt(link, clock.getAsLong());
        if (g.id().isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        Bytes payload = memory.payloadOrNull(g.id().get(), now);
        if (payload != null) {
            int round = Math.min(memory.getOrNull(g.id().get(), now).round + 1, PlumtreeConstants.MAX_ROUND);
            send(from, new Gossip(topic, g.id().get(), round, payload));
        }
    }

    private void onPrune(PeerId from) {
        if (isNeighbor(from)) {
            makeLazy(from);
        }
    }

    /**
     * Whether {@code peer} grafted the link to us within the last {@link #graftGraceMillis}: a
     * duplicate it sends then does not prune it. When a node re-parents (tree optimisation) or
     * repairs (a GRAFT for a missing id), copies of other messages are still in flight along the
     * old paths; the first message to reach us both ways would otherwise prune the new link at our
     * end right away, and with the node's old parent pruned too (by the node itself), cut the
     * node's whole side off the tree: it then lives on IHAVEs and GRAFTs, and at broadcast rates
     * above one per second the tree never settles. Once the grace is over, duplicates prune as
     * always, so a cycle the GRAFT closed is broken then.
     */
    private boolean graftedLately(PeerId peer, long now) {
        int link = links.indexOf(peer);
        return link >= 0 && now - links.graftedAt(link) < graftGraceMillis;
    }

    /**
     * Tree optimisation: {@code announcer} offers {@code id} at {@code round}, at least the
     * threshold below the round it came with from its eager parent: graft the shorter path and
     * prune the parent.
     */
    private void optimize(MessageId id, Received received, PeerId announcer, int round) {
        PeerId parent = received.parent;
        if (!shorter(received, round) || parent.equals(announcer) || !isEager(parent) || !isNeighbor(announcer)) {
            return;
        }
        counters.optimizations++;
        makeEager(announcer);
        send(announcer, new Graft(topic, Optional.empty(), round));
        makeLazy(parent);
        send(parent, new Prune(topic));
        received.parent = announcer;
        received.round = round;

        LOG.debug("{} {}: parent {} replaced by {} for {} (round {})", self, topic, parent, announcer, id, round);
    }

    /** Whether a path of {@code round} hops is enough shorter than the eager parent's to re-parent. */
    private boolean shorter(Received received, int round) {
        return received.parent != null && received.round - round >= config.optimizationThreshold();
    }

    private void push(MessageId id, Bytes payload, int round, PeerId exclude) {
        Gossip gossip = null;
        Announcement announcement = null;
        boolean queued = false;
        PeerId[] peers = links.peers();
        int version = links.version();
        for (int i = 0; i < peers.length; i++) {
            PeerId peer = peers[i];
            int link = links.indexNow(peers, i, version);
            if (link < 0 || peer == exclude || peer.equals(exclude)) {
                continue;
            }
            if (links.isEager(link)) {
                if (gossip == null) {
                    gossip = new Gossip(topic, id, round, payload);
                }
                send(peer, gossip);
            } else {
                if (announcement == null) {
                    announcement = new Announcement(id, round);
                }
                queued |= links.queue(link, announcement, config.maxQueuedIhavesPerPeer());
            }
        }
        if (queued && ihaveFlush == null) {
            ihaveFlush = env.schedule(config.ihaveInterval(), flushTask);
            latestTable.setFlushPending(slot, true);
        }
    }

    /**
     * Sends each lazy link its queued ids. Links queued the same announcements (the usual case: one
     * message per interval) share one immutable IHAVE.
     */
    private void flushIHaves() {
        applyDeferred();
        ihaveFlush = null;
        latestTable.setFlushPending(slot, false);
        IHave shared = null;
        PeerId[] peers = links.peers();
        int version = links.version();
        for (int i = 0; i < peers.length; i++) {
            PeerId peer = peers[i];
            int link = links.indexNow(peers, i, version);
            if (link < 0 || links.queuedCount(link) == 0) {
                continue;
            }
            if (shared != null && links.queuedAre(link, shared.announcements())) {
                links.clearQueue(link);
                counters.ihaveIdsSent += shared.announcements().size();
                send(peer, shared);
                continue;
            }
            List<Announcement> ids = links.takeQueued(link);
            for (int k = 0; k < ids.size(); k += PlumtreeConstants.MAX_IHAVE_IDS) {
                List<Announcement> chunk = ids.subList(k, Math.min(ids.size(), k + PlumtreeConstants.MAX_IHAVE_IDS));
                IHave ihave = new IHave(topic, chunk.size() == ids.size() ? ids : chunk);
                shared = ihave;
                counters.ihaveIdsSent += chunk.size();
                send(peer, ihave);
            }
        }
    }

    private void refuse(PeerId from, MessageId id, String reason) {
        counters.invalidReceived++;
        LOG.debug("{} {}: refused {} from {}: {}", self, topic, id, from, reason);
        listener.misbehaved(new Misbehaviour(topic, from, id, reason));
    }

    private boolean isNeighbor(PeerId peer) {
        return links.indexOf(peer) >= 0;
    }

    private boolean isEager(PeerId peer) {
        int link = links.indexOf(peer);
        return link >= 0 && links.isEager(link);
    }

    /** Makes a neighbour's link eager (a non-neighbour is ignored). */
    private void makeEager(PeerId peer) {
        setEager(peer, true);
    }

    private void makeLazy(PeerId peer) {
        setEager(peer, false);
    }

    private void setEager(PeerId peer, boolean eager) {
        int link = links.indexOf(peer);
        if (link >= 0) {
            links.setEager(link, eager);
        }
    }

    private void send(PeerId peer, PlumtreeMessage message) {
        if (message instanceof Gossip) {
            counters.gossipSent++;
        } else if (message instanceof IHave) {
            counters.ihaveSent++;
        } else if (message instanceof Graft) {
            counters.graftSent++;
        } else {
            counters.pruneSent++;
        }
        env.send(peer, message);
    }

    /** What {@link #stats} reports. */
    private static final class Counters {
        long gossipSent;
        long ihaveSent;
        long ihaveIdsSent;
        long graftSent;
        long pruneSent;
        long delivered;
        long duplicatesReceived;
        long invalidReceived;
        long optimizations;
    }

    /** How a seen id arrived; mutable because tree optimisation re-parents it. */
    private static final class Received {
        int round;
        PeerId parent;
        final boolean rejected;

        Received(int round, PeerId parent, boolean rejected) {
            this.round = round;
            this.parent = parent;
            this.rejected = rejected;
        }
    }
}
