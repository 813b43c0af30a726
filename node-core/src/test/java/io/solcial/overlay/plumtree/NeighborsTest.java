package io.solcial.overlay.plumtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Bytes;
import io.solcial.overlay.plumtree.PlumtreeMessage.Announcement;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighborsTest {

    private static Announcement announcement(int n) {
        return new Announcement(MessageId.of(Bytes.of(new byte[] {(byte) n})), 1);
    }

    @Test
    void findsLinksByEqualIdsNotOnlyTheSameObjectsAndKeepsTheirOrder() {
        Neighbors neighbors = new Neighbors();
        for (int i = 0; i < 5; i++) {
            assertTrue(neighbors.add(TestPeers.peer(i)));
        }
        assertFalse(neighbors.add(TestPeers.peer(2)), "an equal id is the same neighbour");
        PeerId copy = PeerId.fromBytes(TestPeers.peer(3).toBytes());
        assertSame(neighbors.all()[3], neighbors.get(copy));
        Link removed = neighbors.remove(PeerId.fromBytes(TestPeers.peer(1).toBytes()));
        assertEquals(TestPeers.peer(1), removed.peer);
        assertNull(neighbors.get(TestPeers.peer(1)));
        assertNull(neighbors.remove(TestPeers.peer(9)));
        assertEquals(List.of(TestPeers.peer(0), TestPeers.peer(2), TestPeers.peer(3), TestPeers.peer(4)),
                List.of(neighbors.all()).stream().map(l -> l.peer).toList());
    }

    @Test
    void aLinkQueuesUpToItsLimitDropsAnnouncedIdsAndEmptiesWhenTaken() {
        Link link = new Link(TestPeers.peer(1));
        List<Announcement> as = List.of(announcement(0), announcement(1), announcement(2), announcement(3));
        for (Announcement a : as) {
            assertTrue(link.queue(a, 3) || a == as.get(3));
        }
        assertEquals(3, link.queuedCount());
        link.unqueue(MessageId.of(Bytes.of(new byte[] {0})));
        assertTrue(link.queuedAre(List.of(as.get(1), as.get(2))), "an equal id is dropped, the order kept");
        assertTrue(link.queue(as.get(3), 3));
        assertEquals(List.of(as.get(1), as.get(2), as.get(3)), link.takeQueued());
        assertEquals(0, link.queuedCount());
        assertTrue(link.queuedAre(List.of()));
        assertTrue(link.queue(as.get(0), 3));
        assertEquals(List.of(as.get(0)), link.takeQueued());
    }
}
