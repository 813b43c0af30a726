package io.solcial.overlay.sim;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The flooding baseline's priority queue: the pushes and pops of one flood over a random
 * 10,000-node graph of degree 14 with 5–50 ms latencies (as at 10,000 simulated nodes), replayed
 * into a binary heap of packed keys (the baseline, what {@link FloodShadow} used before) and into
 * the {@link RadixHeap} it uses now. Floods per second; the summary's ratio is radix / binary.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class FloodQueueBenchmark {
    private static final long POP = -1;

    /** Keys pushed, and {@link #POP} for each pop, in the order one flood made them. */
    private long[] ops;
    private final RadixHeap radix = new RadixHeap();
    private final BinaryHeap binary = new BinaryHeap();

    @Setup
    public void recordAFlood() {
        int n = 10_000;
        int degree = 14;
        SplittableRandom random = new SplittableRandom(5);
        int[] targets = new int[n * degree];
        Arrays.setAll(targets, i -> random.nextInt(n));
        long[] arrival = new long[n];
        Arrays.fill(arrival, Long.MAX_VALUE);
        boolean[] settled = new boolean[n];
        long[] trace = new long[4 * n * degree];
        int size = 0;
        RadixHeap queue = new RadixHeap();
        arrival[0] = 0;
        queue.push(0);
        trace[size++] = 0;
        while (!queue.isEmpty()) {
            long top = queue.pop();
            trace[size++] = POP;
            int u = (int) (top & 0x1FFFFF);
            if (settled[u]) {
                continue;
            }
            settled[u] = true;
            for (int i = u * degree; i < (u + 1) * degree; i++) {
                int v = targets[i];
                long t = arrival[u] + 5 + random.nextInt(46);
                if (!settled[v] && t < arrival[v]) {
                    arrival[v] = t;
                    long key = t << 33 | (long) v;
                    queue.push(key);
                    trace[size++] = key;
                }
            }
        }
        ops = Arrays.copyOf(trace, size);
    }

    @Benchmark
    public long binaryHeap() {
        binary.clear();
        return replay(binary::push, binary::pop);
    }

    @Benchmark
    public long radixHeap() {
        radix.clear();
        return replay(radix::push, radix::pop);
    }

    /** The flood's operations into one queue (both go through here, so both pay the same calls). */
    private long replay(LongConsumer push, LongSupplier pop) {
        long sum = 0;
        for (long op : ops) {
            if (op == POP) {
                sum += pop.getAsLong();
            } else {
                push.accept(op);
            }
        }
        return sum;
    }

    /** The baseline: a binary min-heap of longs in an array. */
    static final class BinaryHeap {
        private long[] heap = new long[64];
        private int size;

        void clear() {
            size = 0;
        }

        void push(long key) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= key) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = key;
        }

        long pop() {
            long top = heap[0];
            long last = heap[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (last <= heap[child]) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
            return top;
        }
    }
}
