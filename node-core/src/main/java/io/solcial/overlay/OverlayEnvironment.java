package io.solcial.overlay;

import io.solcial.identity.PeerId;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Everything an overlay state machine may do to the world: send a message, set a timer, read the
 * clock, draw randomness, and run a task later on its own thread. The state machines are pure:
 * the same classes run over libp2p streams (a Netty-backed environment) and inside the
 * deterministic simulator (virtual time, seeded randomness).
 *
 * <p>Threading contract: an environment calls a state machine from one thread at a time (or the
 * simulator's single loop), and {@link #execute} / timer tasks run on that same thread, so state
 * machines need no locks.
 *
 * @param <M> the messages this state machine sends
 */
public interface OverlayEnvironment<M> {

    /**
     * Sends {@code message} to {@code peer}. Delivery is not confirmed: when the link to
     * {@code peer} fails, the environment tells the state machine (e.g. HyParView's link-down
     * event) instead.
     */
    void send(PeerId peer, M message);

    /** Runs {@code task} after {@code delay} on the state machine's thread, unless cancelled. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} soon on the state machine's thread (to re-enter after async work). */
    void execute(Runnable task);

    /** Milliseconds of the environment's clock (virtual in the simulator). */
    long nowMillis();

    /**
     * The clock alone, for state machines that read it on every message: an environment whose
     * hosts all share one clock (the simulator) returns that one object, so reading the time
     * reads nothing of the host. Defaults to {@link #nowMillis}.
     */
    default LongSupplier clock() {
        return this::nowMillis;
    }

    /** The source of every random choice (seeded in the simulator, so runs repeat exactly). */
    RandomGenerator random();

    /**
     * Reads what a {@link #send} reads first and changes nothing; the value returned means
     * nothing. For simulators that warm many hosts at once before running their events (see
     * {@code Plumtree#prefetch}); a real transport has nothing to warm.
     */
    default int prefetch() {
        return 0;
    }
}
