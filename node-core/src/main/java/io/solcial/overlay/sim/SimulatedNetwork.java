package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import io.solcial.overlay.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A deterministic discrete-event network: virtual time, one event queue, a latency model and seeded
 * randomness, so a run with the same seed and inputs repeats exactly. Hosts get an
 * {@link io.solcial.overlay.OverlayEnvironment} each ({@link SimHost#environment()}) and run the
 * very same state machines as over real connections.
 *
 * <p>Links are FIFO per ordered pair of hosts (as a TCP stream). A message to a dead or unknown host
 * is lost and its sender is told {@link SimulatedNode#linkDown} one round trip later; hosts whose
 * {@link SimulatedNode#connections()} include a killed host are told after the failure-detection
 * delay. Events owned by a dead host (its timers, its deliveries) are discarded.
 *
 * <p>Not thread-safe: one thread drives it, as the overlay's single-threaded contract requires.
 */
public final class SimulatedNetwork {
    private final EventQueue queue = new EventQueue();
    private final HostTable hosts = new HostTable();
    private final FifoLinks fifo = new FifoLinks();
    private final List<SimHost> hostsInOrder = new ArrayList<>();
    /** Per host index, whether it is alive and its node: what running an event reads. */
    private boolean[] live = new boolean[64];
    private SimulatedNode[] nodes = new SimulatedNode[64];
    private final SplittableRandom seeds;
    private final SplittableRandom networkRandom;
    private final LatencyModel latency;
    private final long failureDetectionMillis;
    private long now;
    private long sequence;
    private long messagesSent;
    private long messagesDelivered;
    private long eventsProcessed;
    private Shortcut shortcut;
    private long messagesAbsorbed;
    /** What {@link SimulatedNode#prefetch} returned, summed, so that its reads are not optimised away. */
    private long prefetched;
    /** The virtual clock, one object that every host's environment hands out. */
    private final LongSupplier clock = () -> now;

    /**
     * A check made before a message from {@code from} is handed to its (live) host's node: true
     * when the node need not see it, because it would do nothing at all with it, or because the
     * check recorded what it would do for the node to do later, before that can matter. The message
     * then counts as delivered without the node's objects being read. It must agree exactly with
     * what the node would do, so that a run's outcome does not depend on it.
     */
    @FunctionalInterface
    public interface Shortcut {
        boolean absorbs(int host, PeerId from, Object message, long nowMillis);
    }

    public SimulatedNetwork(long seed, LatencyModel latency, Duration failureDetection) {
        if (failureDetection.isNegative()) {
            throw new IllegalArgumentException("failure detection delay must not be negative");
        }
        this.seeds = new SplittableRandom(seed);
        this.networkRandom = seeds.split();
        this.latency = latency;
        this.failureDetectionMillis = failureDetection.toMillis();
    }

    /** 5–50 ms latency, dead connections noticed after 1 s. */
    public static SimulatedNetwork withSeed(long seed) {
        return new SimulatedNetwork(seed, LatencyModel.uniform(5, 50), Duration.ofSeconds(1));
    }

    /** Sets (or with null, removes) the {@link Shortcut} asked before each delivery. */
    public void setShortcut(Shortcut shortcut) {
        this.shortcut = shortcut;
    }

    /** Adds a live host; attach its node with {@link SimHost#attach} before messages reach it. */
    public SimHost addHost(PeerId id) {
        int index = hosts.add(id);
        SimHost host = new SimHost(this, id, index, seeds.split());
        hostsInOrder.add(host);
        if (index == live.length) {
            live = Arrays.copyOf(live, 2 * index);
            nodes = Arrays.copyOf(nodes, 2 * index);
        }
        live[index] = true;
        return host;
    }

    public Optional<SimHost> host(PeerId id) {
        int index = hosts.indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(hostsInOrder.get(index));
    }

    /** Every host ever added, in the order added. */
    public List<SimHost> hosts() {
        return List.copyOf(hostsInOrder);
    }

    public List<SimHost> liveHosts() {
        return hostsInOrder.stream().filter(SimHost::isAlive).toList();
    }

    /** Kills one host at once (crash: no goodbye). */
    public void kill(PeerId id) {
        kill(List.of(id));
    }

    /** Kills these hosts at the same instant; their live connection partners learn it later. */
    public void kill(Collection<PeerId> ids) {
        Set<PeerId> victims = new HashSet<>();
        for (PeerId id : ids) {
            int index = hosts.indexOf(id);
            SimHost host = index < 0 ? null : hostsInOrder.get(index);
            if (host != null && host.isAlive()) {
                host.die();
                live[host.index()] = false;
                victims.add(id);
            }
        }
        for (SimHost host : hostsInOrder) {
            if (!host.isAlive() || host.node() == null) {
                continue;
            }
            for (PeerId peer : List.copyOf(host.node().connections())) {
                if (victims.contains(peer)) {
                    schedule(failureDetectionMillis, host.index(), () -> host.node().linkDown(peer));
                }
            }
        }
    }

    /** The latency model messages travel with. */
    public LatencyModel latency() {
        return latency;
    }

    public long nowMillis() {
        return now;
    }

    /** The virtual clock as one shared object (see {@link io.solcial.overlay.OverlayEnvironment#clock}). */
    public LongSupplier clock() {
        return clock;
    }

    /** Runs every event due within {@code duration} of virtual time, then sets the clock to its end. */
    public void runFor(Duration duration) {
        runUntil(now + duration.toMillis());
    }

    public void runUntil(long millis) {
        while (queue.next(millis)) {
            runTaken();
        }
        now = Math.max(now, millis);
    }

    /** Runs events until none are left or {@code maxEvents} ran; true when the queue emptied. */
    public boolean runUntilIdle(long maxEvents) {
        for (long i = 0; i < maxEvents; i++) {
            if (!step()) {
                return true;
            }
        }
        return queue.isEmpty();
    }

    /** Runs the next event; false when there is none. */
    public boolean step() {
        if (!queue.next(Long.MAX_VALUE)) {
            return false;
        }
        runTaken();
        return true;
    }

    /**
     * Asks the targets of the next records (up to a chunk of 64) to {@link SimulatedNode#prefetch}
     * at once, so that their cache misses overlap instead of each stalling its event in turn: at
     * 10,000 nodes the nodes' objects are out of cache, and this alone cut the run's CPU time by
     * about a tenth.
     */
    private void prefetch(int[] ints, Object[] items, int count) {
        int sum = 0;
        for (int k = 0; k < count; k++) {
            int to = ints[3 * k];
            // the first record's item is already taken (it is the current event)
            Object item = k == 0 ? queue.item : items[k];
            Object message = item;
            if (to == EventQueue.TASK) {
                to = ((Event) item).owner;
                message = null;
            }
            if (to >= 0) {
                SimulatedNode node = nodes[to];
                if (node != null) {
                    sum += node.prefetch(message);
                }
            }
        }
        prefetched += sum;
    }

    /** Runs the event the queue just moved to. */
    private void runTaken() {
        if (queue.startedInts != null) {
            prefetch(queue.startedInts, queue.startedItems, queue.startedCount);
        }
        now = queue.time;
        int to = queue.to;
        if (to == EventQueue.TASK) {
            Event task = (Event) queue.item;
            if (!task.cancelled && (task.owner < 0 || live[task.owner])) {
                eventsProcessed++;
                task.action.run();
            }
            return;
        }
        int from = queue.from;
        Object message = queue.item;
        eventsProcessed++;
        SimulatedNode target = nodes[to];
        if (live[to] && target != null) {
            messagesDelivered++;
            PeerId sender = hosts.id(from);
            if (shortcut != null && shortcut.absorbs(to, sender, message, now)) {
                messagesAbsorbed++;
                return;
            }
            target.receive(sender, message);
        } else {
            SimHost sender = hostsInOrder.get(from);
            PeerId lost = hostsInOrder.get(to).id();
            schedule(queue.latency, from, () -> sender.node().linkDown(lost));
        }
    }

    public long messagesSent() {
        return messagesSent;
    }

    public long messagesDelivered() {
        return messagesDelivered;
    }

    /** Messages delivered that the {@link Shortcut} absorbed (counted in {@link #messagesDelivered} too). */
    public long messagesAbsorbed() {
        return messagesAbsorbed;
    }

    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** Whether the host at {@code index} is alive. */
    boolean isLive(int index) {
        return live[index];
    }

    /** The index of the host with this id, or -1. */
    int indexOf(PeerId id) {
        return hosts.indexOf(id);
    }

    /**
     * Sends from the host {@code fromId} at {@code fromIndex} (alive) to {@code to}, the host at
     * {@code target} ({@link #indexOf}, -1: none), FIFO per pair of hosts.
     */
    void send(PeerId fromId, int fromIndex, PeerId to, int target, Object message) {
        messagesSent++;
        long delay = latency.latencyMillis(fromId, to, networkRandom);
        if (target < 0 || !live[target]) {
            SimHost from = hostsInOrder.get(fromIndex);
            schedule(2 * delay, fromIndex, () -> from.node().linkDown(to));
            return;
        }
        long arrival = fifo.arrival(fromIndex, target, now, now + delay);
        queue.addMessage(arrival, sequence++, fromIndex, target, message, Math.toIntExact(delay));
    }

    /** Called by {@link SimHost#attach}. */
    void attached(int index, SimulatedNode node) {
        nodes[index] = node;
    }

    /**
     * Runs {@code action} after {@code delayMillis} (at once when negative) unless the host at index
     * {@code owner} has died by then. By index: a host that sets a timer need not read its host object.
     */
    Cancellable schedule(long delayMillis, int owner, Runnable action) {
        Event event = Event.task(now + Math.max(0, delayMillis), sequence++, owner, action);
        queue.add(event);
        return event;
    }
}
