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
        private static final int RECENT = 16;
        private final SimulatedNetwork network;
        private final SimHost host;
        private final int index;
        private final PeerId id;
        /**
         * The last hosts sent to, by id object, with their indices, replaced in turn: a state
         * machine sends to its few neighbours over and over, and comparing references reads no
         * id (looking one up in the network's table reads the id's hash and a slot of a table of
         * every host, two misses to memory at 10,000 hosts). Hosts keep their index for good.
         */
        private final PeerId[] recentIds = new PeerId[RECENT];
        private final int[] recentIndices = new int[RECENT];
        private int nextRecent;

        Environment(SimulatedNetwork network, SimHost host) {
            this.network = network;
            this.host = host;
            this.index = host.index;
            this.id = host.id;
        }

        @Override
        public void send(PeerId peer, M message) {
            if (network.isLive(index)) {
                network.send(id, index, peer, indexOf(peer), message);
            }
        }

        private int indexOf(PeerId peer) {
            PeerId[] ids = recentIds;
            for (int i = 0; i < RECENT; i++) {
                if (ids[i] == peer) {
                    return recentIndices[i];
                }
            }
            int found = network.indexOf(peer);
            if (found >= 0) {
                ids[nextRecent] = peer;
                recentIndices[nextRecent] = found;
                nextRecent = (nextRecent + 1) % RECENT;
            }
            return found;
        }

        @Override
        public int prefetch() {
            return (recentIds[0] == null ? 0 : 1) + recentIndices[0];
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return network.schedule(delay.toMillis(), index, task);
        }

        @Override
        public void execute(Runnable task) {
            network.schedule(0, index, task);
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
