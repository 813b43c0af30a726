package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    /** What the queue gave, as (time, sequence): a task's sequence, or a message's (carried as its latency). */
    private record Taken(long time, long sequence) { }

    private static Event at(long time, long sequence) {
        return Event.task(time, sequence, -1, () -> { });
    }

    private static Taken take(EventQueue queue) {
        if (queue.to == EventQueue.TASK) {
            Event task = (Event) queue.item;
            assertEquals(queue.time, task.time);
            return new Taken(queue.time, task.sequence);
        }
        assertEquals("m" + queue.latency, queue.item);
        assertEquals(queue.latency % 1000, queue.to);
        assertEquals(queue.latency % 777, queue.from);
        return new Taken(queue.time, queue.latency);
    }

    @Test
    void takesTasksAndMessagesInTimeThenSequenceOrderLikeAPriorityQueueAcrossTheHorizon() {
        SplittableRandom random = new SplittableRandom(1);
        EventQueue calendar = new EventQueue();
        PriorityQueue<Event> reference = new PriorityQueue<>();
        int sequence = 0;
        long now = 0;
        List<Taken> taken = new ArrayList<>();
        List<Taken> expected = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            // near events, same-millisecond events and timers beyond the horizon
            long delay = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> random.nextLong(1, 60);
                case 2 -> random.nextLong(1, 3 * EventQueue.HORIZON_MILLIS);
                case 3 -> random.nextLong(1, 3);
                default -> EventQueue.HORIZON_MILLIS + random.nextLong(-2, 2);
            };
            long time = now + Math.max(0, delay);
            int s = sequence++;
            if (random.nextBoolean()) {
                Event task = at(time, s);
                calendar.add(task);
                reference.add(task);
            } else {
                calendar.addMessage(time, s, s % 777, s % 1000, "m" + s, s);
                reference.add(at(time, s));
            }
            if (random.nextInt(3) == 0) {
                long limit = now + random.nextLong(0, 100);
                while (calendar.next(limit)) {
                    taken.add(take(calendar));
                    now = calendar.time;
                }
                while (!reference.isEmpty() && reference.peek().time <= limit) {
                    Event e = reference.poll();
                    expected.add(new Taken(e.time, e.sequence));
                }
                now = Math.max(now, limit);
            }
        }
        while (calendar.next(Long.MAX_VALUE)) {
            taken.add(take(calendar));
        }
        while (!reference.isEmpty()) {
            Event e = reference.poll();
            expected.add(new Taken(e.time, e.sequence));
        }
        assertEquals(expected.size(), taken.size());
        assertEquals(expected, taken);
        assertTrue(calendar.isEmpty());
        assertEquals(0, calendar.size());
    }

    @Test
    void keepsOrderInABucketOfManyChunksWhileEventsAreAddedToItAsItDrains() {
        EventQueue queue = new EventQueue();
        int sequence = 0;
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add((long) sequence);
            add(queue, 5, sequence++);
        }
        List<Long> taken = new ArrayList<>();
        while (queue.next(5)) {
            taken.add(take(queue).sequence());
            if (taken.size() % 3 == 0 && sequence < 500) {
                // a zero-delay event scheduled while its own millisecond is being run
                expected.add((long) sequence);
                add(queue, 5, sequence++);
            }
        }
        assertEquals(expected, taken);
        assertTrue(taken.size() > 250, "more than four chunks went through one bucket");
        assertTrue(queue.isEmpty());
        // drained chunks are reused, and hold nothing of what they carried
        add(queue, 6, sequence);
        assertTrue(queue.next(6));
        assertEquals(new Taken(6, sequence), take(queue));
        assertFalse(queue.next(Long.MAX_VALUE));
    }

    private static void add(EventQueue queue, long time, int sequence) {
        if (sequence % 2 == 0) {
            queue.add(at(time, sequence));
        } else {
            queue.addMessage(time, sequence, sequence % 777, sequence % 1000, "m" + sequence, sequence);
        }
    }

    @Test
    void leavesEventsAfterTheLimitAndRefusesEventsInThePast() {
        EventQueue queue = new EventQueue();
        queue.add(at(10, 0));
        queue.add(at(5, 1));
        assertTrue(queue.next(9));
        assertEquals(1, ((Event) queue.item).sequence);
        assertFalse(queue.next(9));
        assertEquals(1, queue.size());
        assertThrows(IllegalArgumentException.class, () -> queue.add(at(4, 2)));
        assertThrows(IllegalArgumentException.class, () -> queue.addMessage(4, 3, 0, 1, "late", 5));
        assertTrue(queue.next(10));
        assertEquals(0, ((Event) queue.item).sequence);
        assertFalse(queue.next(Long.MAX_VALUE));
    }

    @Test
    void aMessageBeyondTheHorizonArrivesAsARecordWithItsFields() {
        EventQueue queue = new EventQueue();
        long far = 3L * EventQueue.HORIZON_MILLIS;
        queue.addMessage(far, 0, 7, 9, "far", 42);
        queue.add(at(far, 1));
        assertTrue(queue.next(Long.MAX_VALUE));
        assertEquals(far, queue.time);
        assertEquals(9, queue.to);
        assertEquals(7, queue.from);
        assertEquals(42, queue.latency);
        assertEquals("far", queue.item);
        assertTrue(queue.next(Long.MAX_VALUE));
        assertEquals(EventQueue.TASK, queue.to);
        assertTrue(queue.isEmpty());
    }
}
