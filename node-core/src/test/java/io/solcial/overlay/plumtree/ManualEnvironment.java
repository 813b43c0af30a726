package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import io.solcial.overlay.Cancellable;
import io.solcial.overlay.OverlayEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** One state machine's world in a unit test: a hand-driven clock, timers, and an outbox. */
final class ManualEnvironment implements OverlayEnvironment<PlumtreeMessage> {
    record Sent(PeerId to, PlumtreeMessage message, long atMillis) {}

    private final List<Sent> outbox = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final SplittableRandom random = new SplittableRandom(42);
    private long now = 1_000_000;
    private long seq;
    /** How many times a state machine asked to {@link #prefetch} this environment. */
    int prefetches;

    @Override
    public void send(PeerId peer, PlumtreeMessage message) {
        outbox.add(new Sent(peer, message, now));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timer t = new Timer(now + delay.toMillis(), seq++, task);
        timers.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public int prefetch() {
        return ++prefetches;
    }

    /** Moves the clock forward, running due timers in order. */
    void advance(Duration d) {
        long until = now + d.toMillis();
        while (!timers.isEmpty() && timers.peek().at <= until) {
            Timer t = timers.poll();
            now = t.at;
            if (!t.cancelled) {
                t.task.run();
            }
        }
        now = until;
    }

    long pendingTimers() {
        return timers.stream().filter(t -> !t.cancelled).count();
    }

    /** Everything sent since the last call. */
    List<Sent> drain() {
        List<Sent> sent = List.copyOf(outbox);
        outbox.clear();
        return sent;
    }

    private static final class Timer implements Comparable<Timer> {
        final long at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Timer(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Timer o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }
}
