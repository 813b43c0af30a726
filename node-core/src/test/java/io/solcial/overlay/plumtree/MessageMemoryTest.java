package io.solcial.overlay.plumtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class MessageMemoryTest {

    private static MessageMemory<String, String, String> memory(long ttl, int maxEntries, long payloadTtl,
            int maxPayloads, long maxWeight) {
        return new MessageMemory<>(ttl, maxEntries, payloadTtl, maxPayloads, maxWeight, String::length);
    }

    @Test
    void entriesExpireAfterTheirTtlEvenWhenLookedUpRepeatedly() {
        MessageMemory<String, String, String> memory = memory(100, 10, 100, 10, Long.MAX_VALUE);
        String key = "a";
        memory.put(key, "1", null, 0);
        assertEquals("1", memory.getOrNull(key, 50));
        assertEquals("1", memory.getOrNull(key, 99));
        assertTrue(memory.containsKey(key, 99));
        assertNull(memory.getOrNull(key, 100));
        assertEquals(false, memory.containsKey(key, 100));
    }

    @Test
    void aPayloadExpiresBeforeItsEntry() {
        MessageMemory<String, String, String> memory = memory(100, 10, 40, 10, Long.MAX_VALUE);
        memory.put("a", "1", "payload", 0);
        memory.put("b", "2", null, 0);
        assertEquals("payload", memory.payloadOrNull("a", 39));
        assertNull(memory.payloadOrNull("b", 39), "put without one");
        assertEquals(1, memory.payloads(39));
        assertEquals(7, memory.payloadWeight(39));
        assertNull(memory.payloadOrNull("a", 40));
        assertEquals("1", memory.getOrNull("a", 40), "the entry outlives its payload");
        assertEquals(0, memory.payloads(40));
        assertEquals(0, memory.payloadWeight(40));
        assertEquals(2, memory.size(40));
        assertEquals(0, memory.size(100));
    }

    @Test
    void aReplacedEntryIsNotServedFromTheLastLookupAndLosesItsPayload() {
        MessageMemory<String, String, String> memory = memory(1_000, 10, 1_000, 10, Long.MAX_VALUE);
        String key = "a";
        memory.put(key, "1", "p", 0);
        assertEquals("1", memory.getOrNull(key, 1));
        memory.put(key, "2", null, 3);
        assertEquals("2", memory.getOrNull(key, 5));
        assertNull(memory.payloadOrNull(key, 5));
        assertEquals(1, memory.size(5));
        assertEquals(0, memory.payloads(5));
    }

    @Test
    void evictsTheOldestBeyondItsBoundsIncludingAnEntryJustLookedUp() {
        MessageMemory<String, String, String> memory = memory(1_000, 2, 1_000, 10, Long.MAX_VALUE);
        memory.put("a", "x", "pa", 0);
        assertEquals("x", memory.getOrNull("a", 0));
        memory.put("b", "y", "pb", 1);
        memory.put("c", "z", "pc", 2);
        assertNull(memory.getOrNull("a", 3), "count bound: the oldest went");
        assertNull(memory.payloadOrNull("a", 3), "and its payload with it");
        assertEquals(2, memory.payloads(3));
        assertEquals("y", memory.getOrNull("b", 3));
    }

    @Test
    void evictsTheOldestPayloadsBeyondTheirBoundsAndKeepsTheirEntries() {
        MessageMemory<String, String, String> memory = memory(1_000, 100, 1_000, 2, 10);
        memory.put("a", "x", "0", 0);
        memory.put("b", "y", "1", 1);
        memory.put("c", "z", "2", 2);
        assertNull(memory.payloadOrNull("a", 3), "count bound");
        assertEquals("x", memory.getOrNull("a", 3));
        assertEquals("1", memory.payloadOrNull("b", 3));
        memory.put("d", "w", null, 4);
        assertEquals("1", memory.payloadOrNull("b", 5), "an entry without payload counts for nothing");
        memory.put("e", "v", "0123456789", 6);
        assertNull(memory.payloadOrNull("b", 7), "weight bound");
        assertNull(memory.payloadOrNull("c", 7), "weight bound");
        assertEquals("0123456789", memory.payloadOrNull("e", 7));
        assertEquals(10, memory.payloadWeight(7));
        memory.put("f", "u", "01234567890", 8);
        assertNull(memory.payloadOrNull("f", 8), "heavier than the whole bound: dropped at once");
        assertNull(memory.payloadOrNull("e", 8), "after every older one");
        assertEquals("u", memory.getOrNull("f", 8));
        assertEquals(6, memory.size(8));
        assertEquals(0, memory.payloads(8));
    }

    @Test
    void refusesAWeightBeyondAnIntAndKeepsWhatItHeld() {
        MessageMemory<String, String, Long> memory = new MessageMemory<>(1_000, 10, 1_000, 10, Long.MAX_VALUE, v -> v);
        memory.put("a", "1", 5L, 0);
        assertThrows(IllegalArgumentException.class, () -> memory.put("b", "2", 1L + Integer.MAX_VALUE, 1));
        assertThrows(IllegalArgumentException.class, () -> memory.put("a", "3", -1L, 1));
        assertEquals("1", memory.getOrNull("a", 2));
        assertEquals(5L, memory.payloadOrNull("a", 2));
        assertNull(memory.getOrNull("b", 2));
        assertEquals(5, memory.payloadWeight(2));
        memory.put("c", "4", (long) Integer.MAX_VALUE, 3);
        assertEquals(5L + Integer.MAX_VALUE, memory.payloadWeight(3));
    }

    @Test
    void refusesPayloadsThatWouldOutliveTheirEntriesAndNegativeBounds() {
        assertThrows(IllegalArgumentException.class, () -> memory(100, 10, 101, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> memory(100, -1, 100, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> memory(100, 10, 100, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> memory(100, 10, 100, 10, -1));
    }

    @Test
    void behavesLikeTwoLinkedHashMapsWithExpiryUnderRandomOperations() {
        randomOperations(7, 1);
    }

    @Test
    void behavesLikeTwoLinkedHashMapsWhenExpiredEntriesAreDroppedOnlyWhenTheRingFills() {
        // counting drops every expired entry and payload; here lookups and puts run long stretches without it
        randomOperations(11, 997);
    }

    @Test
    void behavesLikeTwoLinkedHashMapsWhenEntriesAreBoundedTighterThanPayloads() {
        randomOperations(13, 101, 60, 20, 40, 30, 1_000);
    }

    @Test
    void expiredEntriesAndPayloadsMakeRoomInsteadOfGrowingTheRing() {
        MessageMemory<Integer, String, String> memory = new MessageMemory<>(100, 1_000_000, 50, 1_000_000,
                Long.MAX_VALUE, String::length);
        for (int i = 0; i < 100_000; i++) {
            memory.put(i, "v", "p", i);
            if (i >= 100) {
                assertEquals("v", memory.getOrNull(i - 99, i), "still live at " + i);
                assertEquals("p", memory.payloadOrNull(i - 49, i), "payload still live at " + i);
                assertNull(memory.payloadOrNull(i - 50, i), "payload expired at " + i);
                assertNull(memory.getOrNull(i - 100, i), "expired at " + i);
            }
        }
        assertTrue(memory.ringCapacity() <= 256, "ring of " + memory.ringCapacity() + " for 100 live entries");
        assertEquals(100, memory.size(100_000 - 1));
        assertEquals(50, memory.payloads(100_000 - 1));
    }

    @Test
    void expiredPayloadsOfLiveEntriesAreReleasedWhenTheRingFills() {
        // a real node remembers ids five times longer than it keeps payloads: those must not wait for their ids
        MessageMemory<Integer, String, String> memory = new MessageMemory<>(1_000, 1_000_000, 10, 1_000_000,
                Long.MAX_VALUE, String::length);
        for (int i = 0; i < 500; i++) {
            memory.put(i, "v", "p", i);
        }
        // the ring last filled at half its size: held are at most those put since, and the 10 live then
        assertTrue(memory.payloadsHeld() <= memory.ringCapacity() / 2 + 10,
                memory.payloadsHeld() + " payloads held, 10 live, ring of " + memory.ringCapacity());
        assertEquals(10, memory.payloads(499));
        assertEquals(500, memory.size(499));
    }

    private static void randomOperations(long seed, int countEvery) {
        randomOperations(seed, countEvery, 50, 40, 30, 25, 200);
    }

    private static void randomOperations(long seed, int countEvery, long ttl, int maxEntries, long payloadTtl,
            int maxPayloads, long maxWeight) {
        SplittableRandom random = new SplittableRandom(seed);
        MessageMemory<Integer, String, String> memory = new MessageMemory<>(ttl, maxEntries, payloadTtl, maxPayloads,
                maxWeight, String::length);
        Reference reference = new Reference(ttl, maxEntries, payloadTtl, maxPayloads, maxWeight);
        long now = 0;
        for (int i = 0; i < 200_000; i++) {
            now += random.nextInt(3);
            // small keys are cached (identical objects), large ones are new objects each time (equal only)
            Integer key = random.nextBoolean() ? random.nextInt(100) : Integer.valueOf(1000 + random.nextInt(100));
            memory.prefetch(key); // reads only: the memory must behave the same
            int op = random.nextInt(4);
            if (op < 3) {
                String value = "v" + i;
                String payload = op == 2 ? null : "p".repeat(1 + random.nextInt(12));
                memory.put(key, value, payload, now);
                reference.put(key, value, payload, now);
            }
            assertEquals(reference.get(key, now), memory.getOrNull(key, now), "operation " + i);
            assertEquals(reference.payload(key, now), memory.payloadOrNull(key, now), "operation " + i);
            if (i % countEvery == 0) {
                assertEquals(reference.entries.slots.size(), memory.size(now), "operation " + i);
                assertEquals(reference.payloads.slots.size(), memory.payloads(now), "operation " + i);
                assertEquals(reference.weight(), memory.payloadWeight(now), "operation " + i);
            }
        }
    }

    /**
     * The specification: two LinkedHashMaps scanned from their heads, entries and payloads, a
     * payload leaving with its entry (the two maps Plumtree kept before).
     */
    private static final class Reference {
        final Tier entries;
        final Tier payloads;

        Reference(long ttl, int maxEntries, long payloadTtl, int maxPayloads, long maxWeight) {
            entries = new Tier(ttl, maxEntries, Long.MAX_VALUE);
            payloads = new Tier(payloadTtl, maxPayloads, maxWeight);
        }

        void put(Integer key, String value, String payload, long now) {
            expire(now);
            entries.slots.remove(key);
            payloads.slots.remove(key);
            entries.put(key, value, now);
            entries.evict().forEach(payloads.slots::remove);
            if (payload != null && entries.slots.containsKey(key)) {
                payloads.put(key, payload, now);
                payloads.evict();
            }
        }

        String get(Integer key, long now) {
            expire(now);
            return entries.get(key);
        }

        String payload(Integer key, long now) {
            expire(now);
            return payloads.get(key);
        }

        long weight() {
            return payloads.weight();
        }

        void expire(long now) {
            entries.expire(now).forEach(payloads.slots::remove);
            payloads.expire(now);
        }
    }

    /** One insertion-ordered map with a TTL, a count bound and a bound on its values' total length. */
    private static final class Tier {
        final long ttl;
        final int max;
        final long maxWeight;
        final LinkedHashMap<Integer, Object[]> slots = new LinkedHashMap<>();

        Tier(long ttl, int max, long maxWeight) {
            this.ttl = ttl;
            this.max = max;
            this.maxWeight = maxWeight;
        }

        void put(Integer key, String value, long now) {
            slots.put(key, new Object[] {value, now + ttl});
        }

        String get(Integer key) {
            Object[] slot = slots.get(key);
            return slot == null ? null : (String) slot[0];
        }

        long weight() {
            return slots.values().stream().mapToLong(slot -> ((String) slot[0]).length()).sum();
        }

        /** Removes the oldest while beyond a bound; their keys. */
        List<Integer> evict() {
            return removeWhile(slot -> slots.size() > max || weight() > maxWeight);
        }

        /** Removes the expired; their keys. */
        List<Integer> expire(long now) {
            return removeWhile(slot -> (long) slot[1] <= now);
        }

        private List<Integer> removeWhile(Predicate<Object[]> oldest) {
            List<Integer> gone = new ArrayList<>();
            Iterator<Map.Entry<Integer, Object[]>> it = slots.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Integer, Object[]> e = it.next();
                if (!oldest.test(e.getValue())) {
                    break;
                }
                gone.add(e.getKey());
                it.remove();
            }
            return gone;
        }
    }
}
