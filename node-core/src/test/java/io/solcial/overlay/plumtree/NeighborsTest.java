package io.solcial.overlay.plumtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    void findsNeighboursByEqualIdsNotOnlyTheSameObjectsAndKeepsTheirOrder() {
        Neighbors neighbors = new Neighbors();
        for (int i = 0; i < 5; i++) {
            assertTrue(neighbors.add(TestPeers.peer(i)));
            assertTrue(neighbors.isEager(i), "a new neighbour starts eager");
        }
        assertFalse(neighbors.add(TestPeers.peer(2)), "an equal id is the same neighbour");
        PeerId copy = PeerId.fromBytes(TestPeers.peer(3).toBytes());
        assertEquals(3, neighbors.indexOf(copy));
        neighbors.setEager(3, false);
        neighbors.queue(3, announcement(7), 4);
        int version = neighbors.version();
        assertTrue(neighbors.remove(PeerId.fromBytes(TestPeers.peer(1).toBytes())));
        assertNotEquals(version, neighbors.version(), "indices shifted");
        assertEquals(-1, neighbors.indexOf(TestPeers.peer(1)));
        assertFalse(neighbors.remove(TestPeers.peer(9)));
        assertEquals(List.of(TestPeers.peer(0), TestPeers.peer(2), TestPeers.peer(3), TestPeers.peer(4)),
                List.of(neighbors.peers()));
        assertEquals(2, neighbors.indexOf(copy));
        assertFalse(neighbors.isEager(2), "state moves with its neighbour");
        assertEquals(List.of(announcement(7)).get(0).id(), neighbors.takeQueued(2).get(0).id());
        assertTrue(neighbors.isEager(3));
    }

    @Test
    void aNeighbourQueuesUpToItsLimitDropsAnnouncedIdsAndEmptiesWhenTaken() {
        Neighbors neighbors = new Neighbors();
        neighbors.add(TestPeers.peer(0));
        neighbors.add(TestPeers.peer(1));
        int link = 1;
        List<Announcement> as = List.of(announcement(0), announcement(1), announcement(2), announcement(3));
        for (Announcement a : as) {
            assertTrue(neighbors.queue(link, a, 3) || a == as.get(3));
        }
        assertEquals(3, neighbors.queuedCount(link));
        assertEquals(0, neighbors.queuedCount(0), "queues are per neighbour");
        neighbors.unqueue(link, MessageId.of(Bytes.of(new byte[] {0})));
        assertTrue(neighbors.queuedAre(link, List.of(as.get(1), as.get(2))), "an equal id is dropped, the order kept");
        assertTrue(neighbors.queue(link, as.get(3), 3));
        assertEquals(List.of(as.get(1), as.get(2), as.get(3)), neighbors.takeQueued(link));
        assertEquals(0, neighbors.queuedCount(link));
        assertTrue(neighbors.queuedAre(link, List.of()));
        assertTrue(neighbors.queue(link, as.get(0), 3));
        neighbors.unqueue(link, as.get(1).id());
        assertEquals(1, neighbors.queuedCount(link), "another id stays");
        neighbors.unqueue(link, MessageId.of(Bytes.of(new byte[] {0})));
        assertEquals(0, neighbors.queuedCount(link), "a single waiting id is dropped");
        assertTrue(neighbors.queue(link, as.get(0), 3));
        assertEquals(List.of(as.get(0)), neighbors.takeQueued(link));
        neighbors.queue(0, as.get(1), 3);
        neighbors.queue(0, as.get(2), 3);
        neighbors.clearQueues();
        assertEquals(0, neighbors.queuedCount(0));
    }
}
