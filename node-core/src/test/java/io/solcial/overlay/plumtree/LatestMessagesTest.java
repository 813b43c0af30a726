package io.solcial.overlay.plumtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void absorbsOnlyAnnouncementsOfTheLatestIdAboveTheReParentingRoundWhileNothingWaits() {
        LatestMessages table = new LatestMessages();
        int slot = table.add(TOPIC);
        assertFalse(table.absorbs(slot, ihave(TOPIC, new Announcement(A, 9)), 0), "no latest id yet");

        table.setLatest(slot, A, 1_000, 5);
        assertTrue(table.absorbs(slot, ihave(TOPIC, new Announcement(A, 6)), 999));
        assertTrue(table.absorbs(slot, ihave(TOPIC, new Announcement(id("a"), 6), new Announcement(A, 7)), 0),
                "an equal id, not the same object");
        assertFalse(table.absorbs(slot, ihave(TOPIC, new Announcement(A, 5)), 0), "a path short enough to re-parent");
        assertFalse(table.absorbs(slot, ihave(TOPIC, new Announcement(A, 6), new Announcement(B, 6)), 0),
                "another id is news or must be looked up");
        assertFalse(table.absorbs(slot, ihave(TOPIC, new Announcement(A, 6)), 1_000), "forgotten: a new id again");
        assertFalse(table.absorbs(slot, ihave(new Topic("/solcial/other"), new Announcement(A, 6)), 0), "another topic");

        table.setFlushPending(slot, true);
        assertFalse(table.absorbs(slot, ihave(TOPIC, new Announcement(A, 6)), 0), "it trims the IHAVEs waiting");
        table.setLatest(slot, B, 2_000, Integer.MIN_VALUE);
        assertFalse(table.absorbs(slot, ihave(TOPIC, new Announcement(B, 0)), 0), "still waiting after a new id");
        table.setFlushPending(slot, false);
        assertTrue(table.absorbs(slot, ihave(TOPIC, new Announcement(B, 0)), 0), "no path re-parents a message of ours");
        assertEquals(Integer.MIN_VALUE, table.optimisableUpTo(slot));
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
            assertEquals(i % 3 != 0, table.absorbs(i, ihave(TOPIC, new Announcement(latest, i + 1)), 0), "slot " + i);
        }
    }
}
