package io.solcial.overlay.sim;

import io.solcial.overlay.Cancellable;

/**
 * A timer task of a {@link SimulatedNetwork}'s host, which the host can cancel; or, only while it
 * waits beyond the {@link EventQueue}'s horizon, a message in flight (nearer messages are plain
 * records in the queue). Hosts are referred to by index.
 */
final class Event implements Comparable<Event>, Cancellable {
    final long time;
    final long sequence;
    /** The index of the host whose death discards this event, or -1. */
    final int owner;
    /** A timer task, or null for a message in flight. */
    final Runnable action;
    final int fromIndex;
    final int to;
    final Object message;
    final int latency;
    boolean cancelled;

    private Event(long time, long sequence, int owner, Runnable action, int fromIndex, int to, Object message,
            int latency) {
        this.time = time;
        this.sequence = sequence;
        this.owner = owner;
        this.action = action;
        this.fromIndex = fromIndex;
        this.to = to;
        this.message = message;
        this.latency = latency;
    }

    /** A timer task; {@code owner} is the index of the host whose death discards it, or -1. */
    static Event task(long time, long sequence, int owner, Runnable action) {
        return new Event(time, sequence, owner, action, -1, -1, null, 0);
    }

    static Event message(long time, long sequence, int fromIndex, int to, Object message, int latency) {
        return new Event(time, sequence, -1, null, fromIndex, to, message, latency);
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
