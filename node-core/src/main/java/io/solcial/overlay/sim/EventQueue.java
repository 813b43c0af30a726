package io.solcial.overlay.sim;

import java.util.PriorityQueue;

/**
 * The simulator's event queue, in (time, sequence) order: a calendar of one bucket per virtual
 * millisecond over the next {@link #HORIZON_MILLIS}, each a FIFO list, plus a priority queue for
 * events further ahead, moved into their bucket as soon as it comes within the horizon. Adding and
 * taking an event is O(1) for everything but far timers.
 *
 * <p>Order is exactly that of one priority queue on (time, sequence): within a bucket, events moved
 * in from the far queue were added before any event added straight to that bucket (a time enters
 * the horizon only once, and they move at that moment), and each group is in sequence order.
 */
final class EventQueue {
    static final int HORIZON_MILLIS = 1 << 16;
    private static final int MASK = HORIZON_MILLIS - 1;

    private final Event[] heads = new Event[HORIZON_MILLIS];
    private final Event[] tails = new Event[HORIZON_MILLIS];
    private final PriorityQueue<Event> far = new PriorityQueue<>();
    /** The bucket being taken from: no event is earlier. */
    private long cursor;
    private int inCalendar;

    boolean isEmpty() {
        return inCalendar == 0 && far.isEmpty();
    }

    int size() {
        return inCalendar + far.size();
    }

    /** Adds an event, never earlier than the last one taken. */
    void add(Event event) {
        if (event.time < cursor) {
            throw new IllegalArgumentException("event at " + event.time + " is before " + cursor);
        }
        if (event.time - cursor < HORIZON_MILLIS) {
            append(event);
        } else {
            far.add(event);
        }
    }

    /** Takes the next event if it is due at or before {@code limit}, else returns null. */
    Event pollUntil(long limit) {
        while (true) {
            if (inCalendar == 0) {
                Event next = far.peek();
                if (next == null || next.time > limit) {
                    return null;
                }
                advanceTo(next.time);
            }
            int b = (int) (cursor & MASK);
            Event head = heads[b];
            if (head != null) {
                if (cursor > limit) {
                    return null;
                }
                heads[b] = head.next;
                if (head.next == null) {
                    tails[b] = null;
                }
                head.next = null;
                inCalendar--;
                return head;
            }
            if (cursor >= limit) {
                return null;
            }
            advanceTo(cursor + 1);
        }
    }

    private void advanceTo(long time) {
        cursor = time;
        while (!far.isEmpty() && far.peek().time - cursor < HORIZON_MILLIS) {
            append(far.poll());
        }
    }

    private void append(Event event) {
        int b = (int) (event.time & MASK);
        if (tails[b] == null) {
            heads[b] = event;
        } else {
            tails[b].next = event;
        }
        tails[b] = event;
        inCalendar++;
    }
}
