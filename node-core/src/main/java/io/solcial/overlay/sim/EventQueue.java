package io.solcial.overlay.sim;

import java.util.PriorityQueue;

/**
 * The simulator's event queue, in (time, sequence) order: a calendar of one bucket per virtual
 * millisecond over the next {@link #HORIZON_MILLIS}, each a FIFO run of records, plus a priority
 * queue for events further ahead, moved into their bucket as soon as it comes within the horizon.
 * Adding and taking an event is O(1) for everything but far timers.
 *
 * <p>A message in flight is a record of plain fields in a bucket's chunks ({@code to}, {@code
 * from}, latency, the message), not an object: there are hundreds of millions in a large run, and
 * chunks are reused as buckets drain, so the records stay in cache and make no garbage. A timer
 * task is an {@link Event}, which its owner can cancel, held in its record.
 *
 * <p>Order is exactly that of one priority queue on (time, sequence): within a bucket, events moved
 * in from the far queue were added before any event added straight to that bucket (a time enters
 * the horizon only once, and they move at that moment), and each group is in sequence order.
 *
 * <p>Taking is cursor-style: {@link #next} moves to the next event and {@link #time}, {@link #to},
 * {@link #from}, {@link #latency} and {@link #item} describe it until the next call.
 */
final class EventQueue {
    static final int HORIZON_MILLIS = 1 << 16;
    private static final int MASK = HORIZON_MILLIS - 1;
    private static final int CHUNK = 64;
    /** {@link #to} of a timer task, whose {@link #item} is its {@link Event}. */
    static final int TASK = -1;

    /** Records of one bucket, in order; the ints are {@code to, from, latency} per record. */
    private static final class Chunk {
        final int[] ints = new int[3 * CHUNK];
        final Object[] items = new Object[CHUNK];
        int size;
        Chunk next;
    }

    private final Chunk[] heads = new Chunk[HORIZON_MILLIS];
    private final Chunk[] tails = new Chunk[HORIZON_MILLIS];
    private final PriorityQueue<Event> far = new PriorityQueue<>();
    /** Drained chunks, for reuse. */
    private Chunk spare;
    /** The bucket being taken from: no event is earlier. */
    private long cursor;
    /** The next record to take in the cursor's bucket's head chunk. */
    private int readPosition;
    private int inCalendar;

    /** The event {@link #next} moved to: its time, target host index (or {@link #TASK}), sender index, latency and message or task. */
    long time;
    int to;
    int from;
    int latency;
    Object item;
    /**
     * When the event {@link #next} moved to is the first of a chunk of records: the chunk's {@code
     * to, from, latency} ints, {@link #startedCount} records of them, for a look ahead at the events
     * that follow (the current one included); null otherwise.
     */
    int[] startedInts;
    Object[] startedItems;
    int startedCount;

    boolean isEmpty() {
        return inCalendar == 0 && far.isEmpty();
    }

    int size() {
        return inCalendar + far.size();
    }

    /** Adds a timer task, never earlier than the last event taken. */
    void add(Event task) {
        check(task.time);
        if (task.time - cursor < HORIZON_MILLIS) {
            append(task);
        } else {
            far.add(task);
        }
    }

    /** Adds a message from host {@code from} to host {@code to}, never earlier than the last event taken. */
    void addMessage(long time, long sequence, int from, int to, Object message, int latency) {
        check(time);
        if (time - cursor < HORIZON_MILLIS) {
            append(time, to, from, latency, message);
        } else {
            far.add(Event.message(time, sequence, from, to, message, latency));
        }
    }

    private void check(long t) {
        if (t < cursor) {
            throw new IllegalArgumentException("event at " + t + " is before " + cursor);
        }
    }

    /** Moves to the next event if it is due at or before {@code limit}; false (and nothing taken) otherwise. */
    boolean next(long limit) {
        while (true) {
            if (inCalendar == 0) {
                Event first = far.peek();
                if (first == null || first.time > limit) {
                    return false;
                }
                advanceTo(first.time);
            }
            int b = (int) (cursor & MASK);
            Chunk head = heads[b];
            if (head != null) {
                if (cursor > limit) {
                    return false;
                }
                take(b, head);
                return true;
            }
            if (cursor >= limit) {
                return false;
            }
            advanceTo(cursor + 1);
        }
    }

    private void take(int b, Chunk head) {
        if (readPosition == 0) {
            startedInts = head.ints;
            startedItems = head.items;
            startedCount = head.size;
        } else {
            startedInts = null;
        }
        int i = readPosition++;
        int k = 3 * i;
        time = cursor;
        to = head.ints[k];
        from = head.ints[k + 1];
        latency = head.ints[k + 2];
        item = head.items[i];
        head.items[i] = null;
        inCalendar--;
        if (readPosition == head.size) {
            readPosition = 0;
            heads[b] = head.next;
            if (head.next == null) {
                tails[b] = null;
            }
            head.size = 0;
            head.next = spare;
            spare = head;
        }
    }

    private void advanceTo(long t) {
        cursor = t;
        while (!far.isEmpty() && far.peek().time - cursor < HORIZON_MILLIS) {
            append(far.poll());
        }
    }

    private void append(Event e) {
        if (e.action != null) {
            append(e.time, TASK, 0, 0, e);
        } else {
            append(e.time, e.to, e.fromIndex, e.latency, e.message);
        }
    }

    private void append(long t, int target, int sender, int delay, Object what) {
        int b = (int) (t & MASK);
        Chunk tail = tails[b];
        if (tail == null || tail.size == CHUNK) {
            Chunk c = spare;
            if (c == null) {
                c = new Chunk();
            } else {
                spare = c.next;
                c.next = null;
            }
            if (tail == null) {
                heads[b] = c;
            } else {
                tail.next = c;
            }
            tails[b] = c;
            tail = c;
        }
        int i = tail.size++;
        int k = 3 * i;
        tail.ints[k] = target;
        tail.ints[k + 1] = sender;
        tail.ints[k + 2] = delay;
        tail.items[i] = what;
        inCalendar++;
    }
}
