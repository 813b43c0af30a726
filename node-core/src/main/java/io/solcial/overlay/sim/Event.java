package io.solcial.overlay.sim;

import io.solcial.overlay.Cancellable;

/**
 * One scheduled event of a {@link SimulatedNetwork}: a timer task of its owner, or a message in
 * flight (kept as fields, not a closure: there are hundreds of millions in a large run).
 */
final class Event implements Comparable<Event>, Cancellable {
    final long time;
    final long sequence;
    /** The host whose death discards this event, or null. */
    final SimHost owner;
    /** A timer task, or null for a message in flight. */
    final Runnable action;
    final SimHost from;
    final SimHost to;
    final Object message;
    final long latency;
    boolean cancelled;
    /** The next event in the same calendar bucket. */
    Event next;

    private Event(long time, long sequence, SimHost owner, Runnable action, SimHost from, SimHost to, Object message,
            long latency) {
        this.time = time;
        this.sequence = sequence;
        this.owner = owner;
        this.action = action;
        this.from = from;
        this.to = to;
        this.message = message;
        this.latency = latency;
    }

    static Event task(long time, long sequence, SimHost owner, Runnable action) {
        return new Event(time, sequence, owner, action, null, null, null, 0);
    }

    static Event message(long time, long sequence, SimHost from, SimHost to, Object message, long latency) {
        return new Event(time, sequence, null, null, from, to, message, latency);
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
