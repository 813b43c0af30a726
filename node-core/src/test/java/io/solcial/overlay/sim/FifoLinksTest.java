package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FifoLinksTest {

    @Test
    void aLaterMessageNeverArrivesBeforeTheLinksPreviousOne() {
        FifoLinks links = new FifoLinks();
        assertEquals(50, links.arrival(0, 7, 0, 50));
        assertEquals(50, links.arrival(0, 7, 10, 15), "held back behind the message arriving at 50");
        assertEquals(60, links.arrival(0, 7, 20, 60));
        assertEquals(12, links.arrival(0, 8, 10, 12), "another link is independent");
        assertEquals(11, links.arrival(1, 7, 10, 11), "another sender is independent");
    }

    @Test
    void forgetsLinksWhoseMessagesHaveArrivedSoARowNeverOverflowsWithFewInFlight() {
        FifoLinks links = new FifoLinks();
        for (int host = 0; host < 1_000; host++) {
            links.arrival(3, host, host, host + 5);
            assertTrue(links.size(3) <= FifoLinks.ROW, "at most 5 in flight at a time: the row is enough");
        }
        assertEquals(1_001, links.arrival(3, 3, 1_000, 1_001), "host 3's message arrived at 8: no constraint left");
        assertEquals(1_004, links.arrival(3, 999, 1_000, 1_001), "host 999's message arrives at 1,004");
        assertEquals(0, links.size(4));
    }

    @Test
    void aHostWithMoreLinksInFlightThanItsRowKeepsThemAll() {
        FifoLinks links = new FifoLinks();
        int many = 5 * FifoLinks.ROW;
        for (int target = 0; target < many; target++) {
            assertEquals(1_000 + target, links.arrival(70, target, 0, 1_000 + target));
            assertEquals(7, links.arrival(71, target, 0, 7), "a neighbouring row is untouched");
        }
        assertEquals(many, links.size(70));
        for (int target = 0; target < many; target++) {
            assertEquals(1_000 + target, links.arrival(70, target, 1, 2), "each link still holds its last arrival");
        }
        assertEquals(many, links.size(70));
        assertEquals(5_000, links.arrival(70, 0, 4_000, 5_000), "every earlier message has arrived by 4,000");
        assertEquals(4_002, links.arrival(70, many - 1, 4_001, 4_002));
    }

    @Test
    void refusesOutOfRangeValues() {
        FifoLinks links = new FifoLinks();
        assertThrows(IllegalArgumentException.class, () -> links.arrival(0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> links.arrival(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> links.arrival(0, FifoLinks.MAX_HOST + 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> links.arrival(0, 1, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> links.arrival(0, 1, 0, FifoLinks.MAX_TIME + 1));
    }
}
