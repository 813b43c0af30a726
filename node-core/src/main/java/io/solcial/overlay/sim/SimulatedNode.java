package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import java.util.Collection;
import java.util.List;

/**
 * What a simulated host runs: usually a thin dispatcher over the host's state machines (HyParView,
 * Plumtree, ...), which it feeds by message type. Called on the simulator's single loop.
 */
public interface SimulatedNode {

    /** A message from {@code from} arrived. */
    void receive(PeerId from, Object message);

    /**
     * Reads the objects that receiving {@code message} (null: running a timer task of this host)
     * reads first, so that they are in cache when it comes; the value returned means nothing. The
     * network calls it for the targets of several events in a row, so their cache misses overlap.
     * Must change nothing.
     */
    default int prefetch(Object message) {
        return 0;
    }

    /** The link to {@code peer} failed: a send to a dead host, or a connection to a host that died. */
    void linkDown(PeerId peer);

    /**
     * The peers this host holds an open connection to (for HyParView, its active view). When one of
     * them is killed, this host is told {@link #linkDown} after the network's failure-detection
     * delay, as a real transport notices a dead connection.
     */
    default Collection<PeerId> connections() {
        return List.of();
    }
}
