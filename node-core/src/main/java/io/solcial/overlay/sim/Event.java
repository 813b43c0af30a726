package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import io.solcial.overlay.Cancellable;

/**
 * One scheduled event of a {@link SimulatedNetwork}: a timer task of its owner, or a message in
 * flight (kept as fields, not a closure: there are hundreds of millions in a large run). Hosts are
 * referred to by index and the sender by its id, so running an event reads no host object.
 */
final class Event implements Comparable<Event>, Cancellable {
    final long time;
    final long sequence;
    /** The index of the host whose death discards this event, or -1. */
    final int owner;
    /** A timer task, or null for a message in flight. */
    final Runnable action;
    final PeerId from;
    final int fromIndex;
    final int to;
    final Object message;
    final int latency;
    boolean cancelled;
    /** The next event in the same calendar bucket. */
    Event next;

    private Event(long time, long sequence, int owner, Runnable action, PeerId from, int fromIndex, int to,
            Object message, int latency) {
        this.time = time;
        this.sequence = sequence;
        this.owner = owner;
        this.action = action;
        this.from = from;
        this.fromIndex = fromIndex;
        this.to = to;
        this.message = message;
        this.latency = latency;
    }

    /** A timer task; {@code owner} is the index of the host whose death discards it, or -1. */
    static Event task(long time, long sequence, int owner, Runnable action) {
        return new Event(time, sequence, owner, action, null, -1, -1, null, 0);
    }

    static Event message(long time, long sequence, PeerId from, int fromIndex, int to, Object message, long latency) {
        return new Event(time, sequence, -1, null, from, fromIndex, to, message, Math.toIntExact(latency));
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public int compareTo(Event o) {
        int c = Long.compare(time, o.time);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
