package io.solcial.overlay.hyparview;

import io.solcial.identity.PeerId;
import io.solcial.membership.ChainUnavailableException;
import io.solcial.overlay.Cancellable;
import io.solcial.overlay.NeighborListener;
import io.solcial.overlay.OverlayEnvironment;
import io.solcial.overlay.Topic;
import io.solcial.overlay.hyparview.HyParViewMessage.Disconnect;
import io.solcial.overlay.hyparview.HyParViewMessage.ForwardJoin;
import io.solcial.overlay.hyparview.HyParViewMessage.Join;
import io.solcial.overlay.hyparview.HyParViewMessage.JoinRefused;
import io.solcial.overlay.hyparview.HyParViewMessage.Neighbor;
import io.solcial.overlay.hyparview.HyParViewMessage.NeighborReply;
import io.solcial.overlay.hyparview.HyParViewMessage.Priority;
import io.solcial.overlay.hyparview.HyParViewMessage.Shuffle;
import io.solcial.overlay.hyparview.HyParViewMessage.ShuffleReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HyParView membership for one topic (Leitão, Pereira, Rodrigues, DSN 2007): a small symmetric
 * active view (the peers we gossip with) and a larger passive view (replacements), kept by JOIN /
 * FORWARD_JOIN random walks, NEIGHBOR requests, periodic SHUFFLE and passive-view repair.
 *
 * <p>Gating: every peer passes {@link Admission} right before it enters the active view — a
 * joiner (JOIN), a stranger asking NEIGHBOR, the new node a FORWARD_JOIN walk ends at (checked
 * before we send it NEIGHBOR; a forwarder may lie), a passive peer we promote and the bootstrap
 * contact. Passive entries (from walks and shuffles) are unverified addresses, checked only when
 * promoted. A refused peer gets {@link JoinRefused} with the reason. When the chain is unreachable,
 * peers admitted before (a bounded memory) stay admitted, so existing members keep repairing;
 * strangers are refused with "chain unreachable". Banned peers are refused and never re-added.
 *
 * <p>Driven on the environment's single thread: {@link #start}, {@link #onMessage},
 * {@link #linkDown}, {@link #ban}. {@link NeighborListener} hears exactly the active view's changes.
 */
public final class HyParView {
    private static final Logger LOG = LoggerFactory.getLogger(HyParView.class);
    private static final int ADMITTED_MEMORY = 4_096;

    private final PeerId self;
    private final Topic topic;
    private final HyParViewConfig config;
    private final OverlayEnvironment<HyParViewMessage> env;
    private final Admission admission;
    private final NetworkSize networkSize;
    private final Set<PeerId> bans;
    private final NeighborListener listener;
    private final PeerView active = new PeerView();
    private final PeerView passive = new PeerView();
    /** Peers we sent NEIGHBOR or JOIN to (or are checking before we do), with the time. */
    private final Map<PeerId, Long> pending = new LinkedHashMap<>();
    /** Passive peers that refused us since the last successful promotion or tick. */
    private final Set<PeerId> refusedRecently = new HashSet<>();
    /** LOW requests left until the next tick or failure: bounds the cost of a full neighborhood. */
    private int lowRequestsLeft;
    private final Map<PeerId, Boolean> admitted = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PeerId, Boolean> eldest) {
            return size() > ADMITTED_MEMORY;
        }
    };
    private List<PeerId> lastShuffleSample = List.of();
    private long estimatedSize;
    private int activeCapacity;
    private int passiveCapacity;
    private Optional<String> lastRefusal = Optional.empty();
    private Cancellable shuffleTimer = () -> { };
    private Cancellable sizeTimer = () -> { };
    private boolean running;

    /**
     * @param bans the node's ban list: read on every decision, added to by {@link #ban}
     */
    public HyParView(PeerId self, Topic topic, HyParViewConfig config, OverlayEnvironment<HyParViewMessage> env,
            Admission admission, NetworkSize networkSize, Set<PeerId> bans, NeighborListener listener) {
        this.self = self;
        this.topic = topic;
        this.config = config;
        this.env = env;
        this.admission = admission;
        this.networkSize = networkSize;
        this.bans = bans;
        this.listener = listener;
        applyNetworkSize(config.initialNetworkSize());
    }

    /** Starts the shuffle and network-size timers. Messages before start are ignored. */
    public void start() {
        if (running) {
            return;
        }
        running = true;
        refreshNetworkSize();
        long period = config.shuffleInterval().toMillis();
        shuffleTimer = env.schedule(Duration.ofMillis(env.random().nextLong(period) + 1), this::tick);
        sizeTimer = env.schedule(config.networkSizeRefresh(), this::refreshNetworkSizePeriodically);
    }

    /** Leaves: DISCONNECT to every active peer, timers cancelled. */
    public void stop() {
        if (!running) {
            return;
        }
        for (PeerId p : active.list()) {
            env.send(p, new Disconnect(topic));
            removeActive(p);
        }
        shuffleTimer.cancel();
        sizeTimer.cancel();
        pending.clear();
        running = false;
    }

    /** Joins the overlay through {@code contact} (a bootstrap node). */
    public void join(PeerId contact) {
        if (!running || contact.equals(self) || active.contains(contact) || pending.containsKey(contact)) {
            return;
        }
        pending.put(contact, env.nowMillis());
        admit(contact, () -> {
            if (pending.containsKey(contact)) {
                env.send(contact, new Join(topic));
            }
        }, reason -> {
            pending.remove(contact);
            refused(contact, "contact " + contact + " is not admitted: " + reason);
        });
    }

    /** The app found {@code peer} misbehaving: drop it everywhere and never take it back. */
    public void ban(PeerId peer) {
        bans.add(peer);
        pending.remove(peer);
        passive.remove(peer);
        if (active.contains(peer)) {
            env.send(peer, new Disconnect(topic));
            removeActive(peer);
            fillActive();
        }
    }

    /** The environment lost the link to {@code peer} (send failed, connection closed). */
    public void linkDown(PeerId peer) {
        if (!running) {
            return;
        }
        boolean wasPending = pending.remove(peer) != null;
        passive.remove(peer);
        if (removeActive(peer) || wasPending) {
            lowRequestsLeft = Math.max(lowRequestsLeft, activeCapacity);
            fillActive();
        }
    }

    /** Sets N (as a fresh estimate from the chain would), resizing the views. */
    public void setNetworkSize(long n) {
        applyNetworkSize(n);
        if (running) {
            fillActive();
        }
    }

    public void onMessage(PeerId from, HyParViewMessage message) {
        if (!running || !message.topic().equals(topic) || from.equals(self)) {
            return;
        }
        if (bans.contains(from)) {
            if (message instanceof Join || message instanceof Neighbor) {
                env.send(from, new JoinRefused(topic, "banned"));
            }
            return;
        }
        if (message instanceof Join) {
            onJoin(from);
        } else if (message instanceof ForwardJoin m) {
            onForwardJoin(from, m);
        } else if (message instanceof Neighbor m) {
            onNeighbor(from, m);
        } else if (message instanceof NeighborReply m) {
            onNeighborReply(from, m);
        } else if (message instanceof Disconnect) {
            onDisconnect(from);
        } else if (message instanceof Shuffle m) {
            onShuffle(from, m);
        } else if (message instanceof ShuffleReply m) {
            integrate(m.sample(), lastShuffleSample);
        } else if (message instanceof JoinRefused m) {
            onJoinRefused(from, m);
        }
    }

    public PeerId self() {
        return self;
    }

    public Topic topic() {
        return topic;
    }

    public Set<PeerId> activeView() {
        return active.snapshot();
    }

    public Set<PeerId> passiveView() {
        return passive.snapshot();
    }

    public int activeCapacity() {
        return activeCapacity;
    }

    public int passiveCapacity() {
        return passiveCapacity;
    }

    public long estimatedNetworkSize() {
        return estimatedSize;
    }

    /** The reason of the last JOIN_REFUSED this node received (or its own refusal of its contact). */
    public Optional<String> lastRefusal() {
        return lastRefusal;
    }

    private void onJoin(PeerId from) {
        if (active.contains(from)) {
            env.send(from, new NeighborReply(topic, true));
            return;
        }
        admit(from, () -> {
            if (active.contains(from)) {
                return;
            }
            addActive(from);
            env.send(from, new NeighborReply(topic, true));
            for (PeerId p : active.list()) {
                if (!p.equals(from)) {
                    env.send(p, new ForwardJoin(topic, from, config.activeRandomWalkLength()));
                }
            }
        }, reason -> refuse(from, reason));
    }

    /** Tells {@code peer} why it is not admitted, and says so in the log (operators want to see refusals). */
    private void refuse(PeerId peer, String reason) {
        LOG.info("{}: refusing {} on {}: {}", self, peer, topic, reason);
        env.send(peer, new JoinRefused(topic, reason));
    }

    private void onForwardJoin(PeerId from, ForwardJoin m) {
        PeerId newNode = m.newNode();
        if (newNode.equals(self) || bans.contains(newNode)) {
            return;
        }
        if (m.ttl() == 0 || active.size() <= 1) {
            connectTo(newNode);
            return;
        }
        if (m.ttl() == config.passiveRandomWalkLength()) {
            addPassive(newNode);
        }
        Optional<PeerId> next = active.random(env.random(), p -> !p.equals(from) && !p.equals(newNode));
        if (next.isPresent()) {
            env.send(next.get(), new ForwardJoin(topic, newNode, m.ttl() - 1));
        } else {
            connectTo(newNode);
        }
    }

    /** The end of a join walk: admit the new node, then ask it to be our neighbor (HIGH). */
    private void connectTo(PeerId newNode) {
        if (active.contains(newNode) || pending.containsKey(newNode)) {
            return;
        }
        pending.put(newNode, env.nowMillis());
        admit(newNode, () -> {
            if (pending.containsKey(newNode)) {
                env.send(newNode, new Neighbor(topic, Priority.HIGH));
            }
        }, reason -> pending.remove(newNode));
    }

    private void onNeighbor(PeerId from, Neighbor m) {
        if (active.contains(from)) {
            env.send(from, new NeighborReply(topic, true));
            return;
        }
        admit(from, () -> {
            if (active.contains(from)) {
                env.send(from, new NeighborReply(topic, true));
            } else if (m.priority() == Priority.HIGH || active.size() < activeCapacity) {
                pending.remove(from);
                addActive(from);
                env.send(from, new NeighborReply(topic, true));
            } else {
                env.send(from, new NeighborReply(topic, false));
            }
        }, reason -> refuse(from, reason));
    }

    private void onNeighborReply(PeerId from, NeighborReply m) {
        boolean asked = pending.remove(from) != null;
        if (m.accepted()) {
            if (asked) {
                addActive(from);
                refusedRecently.clear();
            } else if (!active.contains(from)) {
                env.send(from, new Disconnect(topic)); // keeps links symmetric: we no longer want it
            }
        } else if (asked) {
            refusedRecently.add(from);
            fillActive();
        }
    }

    private void onDisconnect(PeerId from) {
        pending.remove(from);
        if (removeActive(from)) {
            addPassive(from); // as in the paper, no immediate refill: the next tick does it
        }
    }

    private void onJoinRefused(PeerId from, JoinRefused m) {
        pending.remove(from);
        passive.remove(from);
        removeActive(from);
        refused(from, m.reason());
        fillActive();
    }

    private void onShuffle(PeerId from, Shuffle m) {
        if (m.origin().equals(self)) {
            return;
        }
        int ttl = m.ttl() - 1;
        if (ttl > 0 && active.size() > 1) {
            Optional<PeerId> next = active.random(env.random(), p -> !p.equals(from) && !p.equals(m.origin()));
            if (next.isPresent()) {
                env.send(next.get(), new Shuffle(topic, m.origin(), ttl, m.sample()));
                return;
            }
        }
        List<PeerId> reply = passive.sample(env.random(), m.sample().size(), m.origin());
        env.send(m.origin(), new ShuffleReply(topic, reply));
        List<PeerId> received = new ArrayList<>(m.sample());
        if (!received.contains(m.origin())) {
            received.add(0, m.origin());
        }
        integrate(received, reply);
    }

    private void tick() {
        if (!running) {
            return;
        }
        long now = env.nowMillis();
        long timeout = config.neighborTimeout().toMillis();
        for (PeerId p : List.copyOf(pending.keySet())) {
            if (now - pending.get(p) >= timeout) {
                pending.remove(p);
                passive.remove(p);
            }
        }
        refusedRecently.clear();
        lowRequestsLeft = activeCapacity;
        fillActive();
        shuffle();
        shuffleTimer = env.schedule(config.shuffleInterval(), this::tick);
    }

    private void shuffle() {
        Optional<PeerId> target = active.random(env.random(), p -> true);
        if (target.isEmpty()) {
            return;
        }
        List<PeerId> sample = new ArrayList<>();
        sample.add(self);
        sample.addAll(active.sample(env.random(), config.shuffleActiveSample(), target.get()));
        sample.addAll(passive.sample(env.random(), config.shufflePassiveSample(), target.get()));
        lastShuffleSample = List.copyOf(sample);
        env.send(target.get(), new Shuffle(topic, self, config.shuffleWalkLength(), sample));
    }

    /** Adds a shuffle sample to the passive view, evicting first the peers we sent in exchange. */
    private void integrate(List<PeerId> sample, List<PeerId> sentInExchange) {
        List<PeerId> evictFirst = new ArrayList<>(sentInExchange);
        for (PeerId p : sample) {
            if (p.equals(self) || active.contains(p) || passive.contains(p) || bans.contains(p)) {
                continue;
            }
            while (passive.size() >= passiveCapacity) {
                PeerId victim = null;
                while (!evictFirst.isEmpty() && victim == null) {
                    PeerId candidate = evictFirst.remove(evictFirst.size() - 1);
                    if (passive.contains(candidate) && !pending.containsKey(candidate)) {
                        victim = candidate;
                    }
                }
                if (victim == null) {
                    victim = passive.random(env.random(), q -> !pending.containsKey(q)).orElse(null);
                }
                if (victim == null) {
                    return;
                }
                passive.remove(victim);
            }
            passive.add(p);
        }
    }

    /**
     * Promotes passive peers while the active view (with requests in flight) has room: HIGH requests
     * while the view is empty (always accepted), else LOW ones within the budget of this round.
     */
    private void fillActive() {
        while (running && active.size() + pending.size() < activeCapacity) {
            Optional<PeerId> candidate = passive.random(env.random(),
                    p -> !pending.containsKey(p) && !refusedRecently.contains(p) && !bans.contains(p));
            if (candidate.isEmpty()) {
                return;
            }
            if (!active.isEmpty()) {
                if (lowRequestsLeft <= 0) {
                    return;
                }
                lowRequestsLeft--;
            }
            PeerId peer = candidate.get();
            pending.put(peer, env.nowMillis());
            admit(peer, () -> {
                if (pending.containsKey(peer)) {
                    env.send(peer, new Neighbor(topic, active.isEmpty() ? Priority.HIGH : Priority.LOW));
                }
            }, reason -> {
                pending.remove(peer);
                passive.remove(peer);
            });
        }
    }

    private void addActive(PeerId peer) {
        if (peer.equals(self) || active.contains(peer) || bans.contains(peer)) {
            return;
        }
        while (active.size() >= activeCapacity) {
            PeerId dropped = active.random(env.random(), p -> true).orElseThrow();
            env.send(dropped, new Disconnect(topic));
            removeActive(dropped);
            addPassive(dropped);
        }
        passive.remove(peer);
        active.add(peer);
        listener.neighborUp(peer);
    }

    private boolean removeActive(PeerId peer) {
        if (active.remove(peer)) {
            listener.neighborDown(peer);
            return true;
        }
        return false;
    }

    private void addPassive(PeerId peer) {
        if (peer.equals(self) || active.contains(peer) || passive.contains(peer) || bans.contains(peer)) {
            return;
        }
        while (passive.size() >= passiveCapacity) {
            passive.remove(passive.random(env.random(), p -> true).orElseThrow());
        }
        passive.add(peer);
    }

    /**
     * Runs {@code onAdmitted} on this thread once {@code peer} is admitted, else {@code onRefused}
     * with the reason a refused peer is told.
     */
    private void admit(PeerId peer, Runnable onAdmitted, Consumer<String> onRefused) {
        if (bans.contains(peer)) {
            onRefused.accept("banned");
            return;
        }
        CompletableFuture<Boolean> answer;
        try {
            answer = admission.admit(peer);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((ok, error) -> env.execute(() -> {
            if (!running) {
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (bans.contains(peer)) {
                onRefused.accept("banned");
            } else if (cause == null && Boolean.TRUE.equals(ok)) {
                admitted.put(peer, Boolean.TRUE);
                onAdmitted.run();
            } else if (cause == null) {
                onRefused.accept("not a registered member");
            } else if (admitted.containsKey(peer)) {
                onAdmitted.run(); // known member; the chain lookup failed, keep working
            } else if (cause instanceof ChainUnavailableException) {
                onRefused.accept("chain unreachable");
            } else {
                LOG.debug("membership lookup for {} failed", peer, cause);
                onRefused.accept("membership lookup failed");
            }
        }));
    }

    private void refused(PeerId by, String reason) {
        lastRefusal = Optional.of(reason);
        LOG.info("{} refused us on {}: {}", by, topic, reason);
    }

    private void refreshNetworkSizePeriodically() {
        refreshNetworkSize();
        sizeTimer = env.schedule(config.networkSizeRefresh(), this::refreshNetworkSizePeriodically);
    }

    private void refreshNetworkSize() {
        networkSize.estimate().whenComplete((n, error) -> env.execute(() -> {
            if (error == null && n != null && running) {
                setNetworkSize(n);
            } else if (error != null) {
                LOG.debug("network size estimate unavailable, keeping N={}", estimatedSize, error);
            }
        }));
    }

    private void applyNetworkSize(long n) {
        estimatedSize = Math.max(1, n);
        activeCapacity = config.activeViewSize(estimatedSize);
        passiveCapacity = config.passiveViewSize(estimatedSize);
        while (active.size() > activeCapacity) {
            PeerId dropped = active.random(env.random(), p -> true).orElseThrow();
            env.send(dropped, new Disconnect(topic));
            removeActive(dropped);
            addPassive(dropped);
        }
        while (passive.size() > passiveCapacity) {
            passive.remove(passive.random(env.random(), p -> true).orElseThrow());
        }
    }
}
