package io.solcial.overlay.plumtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpiringMapTest {

    @Test
    void entriesExpireAfterTheirTtlEvenWhenLookedUpRepeatedly() {
        ExpiringMap<String, String> map = new ExpiringMap<>(100, 10, Long.MAX_VALUE, v -> 0);
        String key = "a";
        map.put(key, "1", 0);
        assertEquals("1", map.getOrNull(key, 50));
        assertEquals("1", map.getOrNull(key, 99));
        assertNull(map.getOrNull(key, 100));
        assertEquals(Optional.empty(), map.get(key, 100));
    }

    @Test
    void aRemovedOrReplacedEntryIsNotServedFromTheLastLookup() {
        ExpiringMap<String, String> map = new ExpiringMap<>(1_000, 10, Long.MAX_VALUE, v -> 0);
        String key = "a";
        map.put(key, "1", 0);
        assertEquals("1", map.getOrNull(key, 1));
        map.remove(key);
        assertNull(map.getOrNull(key, 2));
        map.put(key, "2", 3);
        map.put(key, "3", 4);
        assertEquals("3", map.getOrNull(key, 5));
        assertEquals(1, map.size(5));
    }

    @Test
    void evictsTheOldestBeyondItsBoundsIncludingAnEntryJustLookedUp() {
        ExpiringMap<String, String> map = new ExpiringMap<>(1_000, 2, 10, String::length);
        map.put("a", "x", 0);
        assertEquals("x", map.getOrNull("a", 0));
        map.put("b", "y", 1);
        map.put("c", "z", 2);
        assertNull(map.getOrNull("a", 3), "count bound: the oldest went");
        assertEquals("y", map.getOrNull("b", 3));
        map.put("d", "0123456789", 4);
        assertNull(map.getOrNull("b", 5), "weight bound");
        assertNull(map.getOrNull("c", 5), "weight bound");
        assertEquals("0123456789", map.getOrNull("d", 5));
        assertEquals(10, map.weight(5));
        map.put("e", "01234567890", 6);
        assertNull(map.getOrNull("e", 6), "heavier than the whole bound: evicted at once");
    }

    @Test
    void refusesAWeightBeyondAnIntAndKeepsWhatItHeld() {
        ExpiringMap<String, Long> map = new ExpiringMap<>(1_000, 10, Long.MAX_VALUE, v -> v);
        map.put("a", 5L, 0);
        assertThrows(IllegalArgumentException.class, () -> map.put("b", 1L + Integer.MAX_VALUE, 1));
        assertThrows(IllegalArgumentException.class, () -> map.put("a", -1L, 1));
        assertEquals(5L, map.getOrNull("a", 2));
        assertNull(map.getOrNull("b", 2));
        assertEquals(5, map.weight(2));
        map.put("c", (long) Integer.MAX_VALUE, 3);
        assertEquals(5L + Integer.MAX_VALUE, map.weight(3));
    }

    @Test
    void behavesLikeALinkedHashMapWithExpiryUnderRandomOperations() {
        randomOperations(7, 1);
    }

    @Test
    void behavesLikeALinkedHashMapWhenExpiredEntriesAreDroppedOnlyWhenTheRingFills() {
        // counting drops every expired entry; here lookups and puts run long stretches without it
        randomOperations(11, 997);
    }

    @Test
    void expiredEntriesMakeRoomInsteadOfGrowingTheRing() {
        ExpiringMap<Integer, String> map = new ExpiringMap<>(100, 1_000_000, Long.MAX_VALUE, v -> 0);
        for (int i = 0; i < 100_000; i++) {
            map.put(i, "v", i);
            if (i >= 100) {
                assertEquals("v", map.getOrNull(i - 99, i), "still live at " + i);
                assertNull(map.getOrNull(i - 100, i), "expired at " + i);
            }
        }
        assertTrue(map.ringCapacity() <= 256, "ring of " + map.ringCapacity() + " for 100 live entries");
        assertEquals(100, map.size(100_000 - 1));
    }

    private static void randomOperations(long seed, int countEvery) {
        SplittableRandom random = new SplittableRandom(seed);
        ExpiringMap<Integer, String> map = new ExpiringMap<>(50, 40, 300, String::length);
        Reference reference = new Reference(50, 40, 300);
        long now = 0;
        for (int i = 0; i < 200_000; i++) {
            now += random.nextInt(3);
            // small keys are cached (identical objects), large ones are new objects each time (equal only)
            Integer key = random.nextBoolean() ? random.nextInt(100) : Integer.valueOf(1000 + random.nextInt(100));
            map.prefetch(key); // reads only: the map must behave the same
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    String value = "v".repeat(1 + random.nextInt(12));
                    map.put(key, value, now);
                    reference.put(key, value, now);
                }
                case 2 -> {
                    map.remove(key);
                    reference.remove(key);
                }
                default -> { }
            }
            assertEquals(reference.get(key, now), map.getOrNull(key, now), "operation " + i);
            if (i % countEvery == 0) {
                assertEquals(reference.slots.size(), map.size(now), "operation " + i);
                assertEquals(reference.weight, map.weight(now), "operation " + i);
            }
        }
    }

    /** The previous implementation, kept as the specification: a LinkedHashMap scanned from its head. */
    private static final class Reference {
        final long ttl;
        final int maxEntries;
        final long maxWeight;
        final LinkedHashMap<Integer, Object[]> slots = new LinkedHashMap<>();
        long weight;

        Reference(long ttl, int maxEntries, long maxWeight) {
            this.ttl = ttl;
            this.maxEntries = maxEntries;
            this.maxWeight = maxWeight;
        }

        void put(Integer key, String value, long now) {
            expire(now);
            remove(key);
            slots.put(key, new Object[] {value, now + ttl});
            weight += value.length();
            Iterator<Map.Entry<Integer, Object[]>> it = slots.entrySet().iterator();
            while ((slots.size() > maxEntries || weight > maxWeight) && it.hasNext()) {
                weight -= ((String) it.next().getValue()[0]).length();
                it.remove();
            }
        }

        String get(Integer key, long now) {
            expire(now);
            Object[] slot = slots.get(key);
            return slot == null ? null : (String) slot[0];
        }

        void remove(Integer key) {
            Object[] slot = slots.remove(key);
            if (slot != null) {
                weight -= ((String) slot[0]).length();
            }
        }

        void expire(long now) {
            Iterator<Object[]> it = slots.values().iterator();
            while (it.hasNext()) {
                Object[] slot = it.next();
                if ((long) slot[1] > now) {
                    return;
                }
                weight -= ((String) slot[0]).length();
                it.remove();
            }
        }
    }
}
