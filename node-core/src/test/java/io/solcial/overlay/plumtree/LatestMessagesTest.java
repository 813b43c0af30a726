package io.solcial.overlay.plumtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Bytes;
import io.solcial.overlay.Topic;
import io.solcial.overlay.plumtree.PlumtreeMessage.Announcement;
import io.solcial.overlay.plumtree.PlumtreeMessage.IHave;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestMessagesTest {
    private static final Topic TOPIC = Topic.PUBLIC;
    private static final MessageId A = id("a");
    private static final MessageId B = id("b");

    private static MessageId id(String payload) {
        return MessageId.of(Bytes.of(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static IHave ihave(Topic topic, Announcement... announcements) {
        return new IHave(topic, List.of(announcements));
    }

    private static final PeerId SENDER = TestPeers.peer(99);
    /** What the table does with {@code h} from {@link #SENDER}. */
    private static int take(LatestMessages table, int slot, IHave h, long nowMillis) {
        return table.takeIHave(slot, h, SENDER, nowMillis);
    }

    private static final int HANDED_ON = LatestMessages.HANDED_ON;
    private static final int ABSORBED = LatestMessages.ABSORBED;
    private static final int DEFERRED_SENDER = LatestMessages.DEFERRED_SENDER;

    @Test
    void absorbsOnlyAnnouncementsOfTheLatestIdAboveTheReParentingRoundWhileNothingWaitsAndDefersThemWhileIHavesWait() {
        LatestMessages table = new LatestMessages();
        int slot = table.add(TOPIC);
        assertEquals(HANDED_ON, take(table, slot, ihave(TOPIC, new Announcement(A, 9)), 0),
                "no latest id yet");

        table.setLatest(slot, A, 1_000, 5);
        assertEquals(ABSORBED, take(table, slot, ihave(TOPIC, new Announcement(A, 6)), 999));
        assertEquals(ABSORBED, take(table, slot, ihave(TOPIC, new Announcement(id("a"), 6), new Announcement(A, 7)), 0),
                "an equal id, not the same object");
        assertEquals(HANDED_ON, take(table, slot, ihave(TOPIC, new Announcement(A, 5)), 0),
                "a path short enough to re-parent");
        assertEquals(HANDED_ON, take(table, slot, ihave(TOPIC, new Announcement(A, 6), new Announcement(B, 6)), 0),
                "another id is news or must be looked up");
        assertEquals(HANDED_ON, take(table, slot, ihave(TOPIC, new Announcement(A, 6)), 1_000),
                "forgotten: a new id again");
        assertEquals(HANDED_ON, take(table, slot, ihave(new Topic("/solcial/other"), new Announcement(A, 6)), 0),
                "another topic");

        table.setFlushPending(slot, true);
        assertEquals(DEFERRED_SENDER, take(table, slot, ihave(TOPIC, new Announcement(A, 6)), 0),
                "it trims the IHAVEs waiting");
        table.setLatest(slot, B, 2_000, Integer.MIN_VALUE);
        assertEquals(DEFERRED_SENDER, take(table, slot, ihave(TOPIC, new Announcement(B, 0)), 0),
                "still waiting after a new id");
        table.setFlushPending(slot, false);
        assertEquals(ABSORBED, take(table, slot, ihave(TOPIC, new Announcement(B, 0)), 0),
                "no path re-parents a message of ours");
        assertEquals(Integer.MIN_VALUE, table.optimisableUpTo(slot));
    }

    @Test
    void defersTheSameAnnouncementsOnlyWhileIHavesWaitAndUpToALineOfSenders() {
        LatestMessages table = new LatestMessages();
        int other = table.add(TOPIC);
        int slot = table.add(TOPIC);
        PeerId from = TestPeers.peer(1);
        table.setLatest(slot, A, 1_000, 5);
        assertEquals(ABSORBED, table.takeIHave(slot, ihave(TOPIC, new Announcement(A, 6)), from, 0), "nothing waits");
        table.setFlushPending(slot, true);
        assertEquals(HANDED_ON, table.takeIHave(slot, ihave(TOPIC, new Announcement(A, 5)), from, 0),
                "a path short enough to re-parent");
        assertEquals(HANDED_ON, table.takeIHave(slot, ihave(TOPIC, new Announcement(B, 6)), from, 0), "another id");
        assertEquals(HANDED_ON, table.takeIHave(slot, ihave(TOPIC, new Announcement(A, 6)), from, 1_000), "forgotten");
        IHave otherTopic = ihave(new Topic("/solcial/other"), new Announcement(A, 6));
        assertEquals(HANDED_ON, table.takeIHave(slot, otherTopic, from, 0),
                "another topic");
        assertEquals(0, table.deferredCount(slot));

        for (int i = 0; i < LatestMessages.DEFERRED; i++) {
            IHave equalId = ihave(TOPIC, new Announcement(id("a"), 6));
            assertEquals(DEFERRED_SENDER, table.takeIHave(slot, equalId, TestPeers.peer(i), 0));
        }
        assertEquals(HANDED_ON, table.takeIHave(slot, ihave(TOPIC, new Announcement(A, 6)), from, 0),
                "the line is full");
        assertEquals(LatestMessages.DEFERRED, table.deferredCount(slot));
        for (int i = 0; i < LatestMessages.DEFERRED; i++) {
            assertEquals(TestPeers.peer(i), table.deferredSender(slot, i));
        }
        assertEquals(0, table.deferredCount(other), "slots are independent");
        assertEquals(A, table.latestId(slot));
        int before = table.prefetch(slot);
        assertEquals(before, table.prefetch(slot), "prefetching changes nothing");
        assertEquals(LatestMessages.DEFERRED, table.deferredCount(slot));

        // slots added later leave the senders in place
        for (int i = 0; i < 40; i++) {
            table.add(TOPIC);
        }
        assertEquals(TestPeers.peer(3), table.deferredSender(slot, 3));
        table.clearDeferred(slot);
        assertEquals(0, table.deferredCount(slot));
        assertEquals(DEFERRED_SENDER, table.takeIHave(slot, ihave(TOPIC, new Announcement(A, 6)), from, 0));
        assertEquals(from, table.deferredSender(slot, 0));
    }

    @Test
    void slotsAreIndependentAcrossGrowth() {
        LatestMessages table = new LatestMessages();
        int n = 100;
        for (int i = 0; i < n; i++) {
            assertEquals(i, table.add(TOPIC));
            table.setLatest(i, i % 2 == 0 ? A : B, 1_000 + i, i);
            table.setFlushPending(i, i % 3 == 0);
        }
        for (int i = 0; i < n; i++) {
            MessageId latest = i % 2 == 0 ? A : B;
            assertTrue(table.isLatest(i, latest, 999 + i));
            assertFalse(table.isLatest(i, latest, 1_000 + i));
            assertFalse(table.isLatest(i, i % 2 == 0 ? B : A, 0));
            assertEquals(i, table.optimisableUpTo(i), "slot " + i);
            assertEquals(i % 3 != 0 ? ABSORBED : DEFERRED_SENDER,
                    take(table, i, ihave(TOPIC, new Announcement(latest, i + 1)), 0), "slot " + i);
        }
    }
}
