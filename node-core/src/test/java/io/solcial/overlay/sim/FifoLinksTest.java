package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FifoLinksTest {

    @Test
    void aLaterMessageNeverArrivesBeforeTheLinksPreviousOne() {
        FifoLinks links = new FifoLinks();
        assertEquals(50, links.arrival(7, 0, 50));
        assertEquals(50, links.arrival(7, 10, 15), "held back behind the message arriving at 50");
        assertEquals(60, links.arrival(7, 20, 60));
        assertEquals(12, links.arrival(8, 10, 12), "another link is independent");
    }

    @Test
    void forgetsLinksWhoseMessagesHaveArrived() {
        FifoLinks links = new FifoLinks();
        for (int host = 0; host < 100; host++) {
            links.arrival(host, host, host + 5);
        }
        assertEquals(5, links.size(), "only the links with a message still in flight at time 99 are kept");
        assertEquals(101, links.arrival(3, 100, 101), "host 3's message arrived at 8: no constraint left");
        assertEquals(104, links.arrival(99, 100, 101), "host 99's message arrives at 104");
    }

    @Test
    void refusesOutOfRangeValues() {
        FifoLinks links = new FifoLinks();
        assertThrows(IllegalArgumentException.class, () -> links.arrival(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> links.arrival(FifoLinks.MAX_HOST + 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> links.arrival(1, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> links.arrival(1, 0, FifoLinks.MAX_TIME + 1));
    }
}
