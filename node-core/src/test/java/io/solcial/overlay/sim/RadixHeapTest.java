package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RadixHeapTest {
    @Test
    void popsInTheOrderOfAPriorityQueueUnderMonotonePushes() {
        SplittableRandom random = new SplittableRandom(3);
        RadixHeap heap = new RadixHeap();
        PriorityQueue<Long> reference = new PriorityQueue<>();
        long floor = 0;
        long pops = 0;
        for (int round = 0; round < 3; round++) {
            for (int op = 0; op < 200_000; op++) {
                if (reference.isEmpty() || random.nextInt(5) < 3) {
                    // near the floor (ties, small steps, as in a Dijkstra) or far above it (high bits)
                    long key = switch (random.nextInt(4)) {
                        case 0 -> floor;
                        case 1 -> floor + random.nextInt(64);
                        case 2 -> floor + random.nextLong(1L << 40);
                        default -> floor + random.nextLong(Long.MAX_VALUE - floor);
                    };
                    heap.push(key);
                    reference.add(key);
                } else {
                    long expected = reference.poll();
                    assertEquals(expected, heap.pop());
                    floor = expected;
                    pops++;
                }
                assertEquals(reference.size(), heap.size());
            }
            while (!reference.isEmpty()) {
                assertEquals((long) reference.poll(), heap.pop());
            }
            assertTrue(heap.isEmpty());
            heap.clear();
            floor = 0;
        }
        assertTrue(pops > 100_000, "the mix popped too little to test: " + pops);
    }

    @Test
    void afterAClearAnyKeyGoesAgain() {
        RadixHeap heap = new RadixHeap();
        heap.push(1_000);
        heap.push(5);
        assertEquals(5, heap.pop());
        heap.clear();
        heap.push(1);
        heap.push(0);
        assertEquals(0, heap.pop());
        assertEquals(1, heap.pop());
    }

    @Test
    void refusesAKeyBelowTheLastPoppedAndAPopWhenEmpty() {
        RadixHeap heap = new RadixHeap();
        heap.push(10);
        heap.push(20);
        assertEquals(10, heap.pop());
        assertThrows(IllegalArgumentException.class, () -> heap.push(9));
        assertThrows(IllegalArgumentException.class, () -> heap.push(-1));
        assertEquals(20, heap.pop());
        assertThrows(NoSuchElementException.class, heap::pop);
    }
}
