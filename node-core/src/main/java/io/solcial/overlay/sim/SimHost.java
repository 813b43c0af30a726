package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import io.solcial.overlay.Cancellable;
import io.solcial.overlay.OverlayEnvironment;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/** One host of a {@link SimulatedNetwork}: its identity, liveness, node and environment. */
public final class SimHost {
    private final SimulatedNetwork network;
    private final PeerId id;
    private final int index;
    private final SplittableRandom random;
    private SimulatedNode node;
    private boolean alive = true;

    SimHost(SimulatedNetwork network, PeerId id, int index, SplittableRandom random) {
        this.network = network;
        this.id = id;
        this.index = index;
        this.random = random;
    }

    public PeerId id() {
        return id;
    }

    public boolean isAlive() {
        return alive;
    }

    /** The node that receives this host's messages and link events (set once). */
    public void attach(SimulatedNode node) {
        if (this.node != null) {
            throw new IllegalStateException("a node is already attached to " + id);
        }
        this.node = node;
        network.attached(index, node);
    }

    public SimulatedNode node() {
        return node;
    }

    /** This host's seeded random; the same one every environment of this host hands out. */
    public RandomGenerator random() {
        return random;
    }

    /**
     * An environment for one of this host's state machines. Messages of any type travel as objects
     * and reach the attached node's {@link SimulatedNode#receive}, which dispatches by type.
     */
    public <M> OverlayEnvironment<M> environment() {
        return new Environment<>(network, this);
    }

    void die() {
        alive = false;
    }

    int index() {
        return index;
    }

    /**
     * A host's environment; holds the network itself and the host's index and id, so reading the
     * clock or sending reads no host object.
     */
    private static final class Environment<M> implements OverlayEnvironment<M> {
        private final SimulatedNetwork network;
        private final SimHost host;
        private final int index;
        private final PeerId id;

        Environment(SimulatedNetwork network, SimHost host) {
            this.network = network;
            this.host = host;
            this.index = host.index;
            this.id = host.id;
        }

        @Override
        public void send(PeerId peer, M message) {
            if (network.isLive(index)) {
                network.send(id, index, peer, message);
            }
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return network.schedule(delay.toMillis(), host, task);
        }

        @Override
        public void execute(Runnable task) {
            network.schedule(0, host, task);
        }

        @Override
        public long nowMillis() {
            return network.nowMillis();
        }

        @Override
        public LongSupplier clock() {
            return network.clock();
        }

        @Override
        public RandomGenerator random() {
            return host.random;
        }
    }

    @Override
    public String toString() {
        return "SimHost[" + id + (alive ? "" : ", dead") + "]";
    }
}
