package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    private static Event at(long time, long sequence) {
        return Event.task(time, sequence, -1, () -> { });
    }

    @Test
    void takesEventsInTimeThenSequenceOrderLikeAPriorityQueueAcrossTheHorizon() {
        SplittableRandom random = new SplittableRandom(1);
        EventQueue calendar = new EventQueue();
        PriorityQueue<Event> reference = new PriorityQueue<>();
        long sequence = 0;
        long now = 0;
        List<Event> taken = new ArrayList<>();
        List<Event> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // near events, same-millisecond events and timers beyond the calendar's horizon
            long delay = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextLong(1, 60);
                case 2 -> random.nextLong(1, 3 * EventQueue.HORIZON_MILLIS);
                default -> EventQueue.HORIZON_MILLIS + random.nextLong(-2, 2);
            };
            Event e = at(now + Math.max(0, delay), sequence++);
            calendar.add(e);
            reference.add(e);
            if (random.nextInt(3) == 0) {
                long limit = now + random.nextLong(0, 100);
                for (Event got = calendar.pollUntil(limit); got != null; got = calendar.pollUntil(limit)) {
                    taken.add(got);
                    now = got.time;
                }
                while (!reference.isEmpty() && reference.peek().time <= limit) {
                    expected.add(reference.poll());
                }
                now = Math.max(now, limit);
            }
        }
        for (Event got = calendar.pollUntil(Long.MAX_VALUE); got != null; got = calendar.pollUntil(Long.MAX_VALUE)) {
            taken.add(got);
        }
        while (!reference.isEmpty()) {
            expected.add(reference.poll());
        }
        assertEquals(expected, taken);
        assertTrue(calendar.isEmpty());
    }

    @Test
    void leavesEventsAfterTheLimitAndRefusesEventsInThePast() {
        EventQueue queue = new EventQueue();
        queue.add(at(10, 0));
        queue.add(at(5, 1));
        assertEquals(1, queue.pollUntil(9).sequence);
        assertNull(queue.pollUntil(9));
        assertEquals(1, queue.size());
        assertThrows(IllegalArgumentException.class, () -> queue.add(at(4, 2)));
        assertEquals(0, queue.pollUntil(10).sequence);
    }
}
