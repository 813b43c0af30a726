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
import java.util.SplittableRandom;
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
    void defersTheSameAnnouncementsOnlyWhileIHavesWaitAndUpToALineOfSenders() {
        LatestMessages table = new LatestMessages();
        int other = table.add(TOPIC);
        int slot = table.add(TOPIC);
        PeerId from = TestPeers.peer(1);
        table.setLatest(slot, A, 1_000, 5);
        assertFalse(table.defers(slot, ihave(TOPIC, new Announcement(A, 6)), from, 0), "nothing waits: absorbed instead");
        table.setFlushPending(slot, true);
        assertFalse(table.absorbs(slot, ihave(TOPIC, new Announcement(A, 6)), 0));
        assertFalse(table.defers(slot, ihave(TOPIC, new Announcement(A, 5)), from, 0), "a path short enough to re-parent");
        assertFalse(table.defers(slot, ihave(TOPIC, new Announcement(B, 6)), from, 0), "another id");
        assertFalse(table.defers(slot, ihave(TOPIC, new Announcement(A, 6)), from, 1_000), "forgotten");
        assertFalse(table.defers(slot, ihave(new Topic("/solcial/other"), new Announcement(A, 6)), from, 0), "another topic");
        assertEquals(0, table.deferredCount(slot));

        for (int i = 0; i < LatestMessages.DEFERRED; i++) {
            assertTrue(table.defers(slot, ihave(TOPIC, new Announcement(id("a"), 6)), TestPeers.peer(i), 0));
        }
        assertFalse(table.defers(slot, ihave(TOPIC, new Announcement(A, 6)), from, 0), "the line is full");
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
        assertTrue(table.defers(slot, ihave(TOPIC, new Announcement(A, 6)), from, 0));
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
            assertEquals(i % 3 != 0, table.absorbs(i, ihave(TOPIC, new Announcement(latest, i + 1)), 0), "slot " + i);
        }
    }

    @Test
    void takingAnIHaveAbsorbsOrElseDefersAsTheTwoChecksDo() {
        // two tables driven alike: one asked absorbs-then-defers, the other takeIHave
        LatestMessages checks = new LatestMessages();
        LatestMessages taken = new LatestMessages();
        int slots = 4;
        for (int i = 0; i < slots; i++) {
            checks.add(TOPIC);
            taken.add(TOPIC);
        }
        SplittableRandom random = new SplittableRandom(11);
        Topic other = new Topic("/solcial/other");
        int[] outcomes = new int[3];
        int fullLines = 0;
        for (int step = 0; step < 50_000; step++) {
            int slot = random.nextInt(slots);
            long now = random.nextInt(2_000);
            // clearing rarely, so that lines of senders fill up
            switch (random.nextInt(40)) {
                case 0, 1, 2 -> {
                    MessageId latest = random.nextBoolean() ? A : B;
                    long expiry = random.nextInt(8_000);
                    int upTo = random.nextInt(8);
                    checks.setLatest(slot, latest, expiry, upTo);
                    taken.setLatest(slot, latest, expiry, upTo);
                }
                case 3, 4, 5 -> {
                    boolean pending = random.nextBoolean();
                    checks.setFlushPending(slot, pending);
                    taken.setFlushPending(slot, pending);
                }
                case 6 -> {
                    checks.clearDeferred(slot);
                    taken.clearDeferred(slot);
                }
                default -> {
                    Announcement first = new Announcement(random.nextInt(4) == 0 ? B : A, random.nextInt(10));
                    IHave h = random.nextInt(8) == 0 ? ihave(other, first)
                            : random.nextBoolean() ? ihave(TOPIC, first)
                            : ihave(TOPIC, first, new Announcement(A, random.nextInt(10)));
                    PeerId from = TestPeers.peer(random.nextInt(30));
                    int expected = checks.absorbs(slot, h, now) ? LatestMessages.ABSORBED
                            : checks.defers(slot, h, from, now) ? LatestMessages.DEFERRED_SENDER
                            : LatestMessages.HANDED_ON;
                    if (checks.deferredCount(slot) == LatestMessages.DEFERRED) {
                        fullLines++;
                    }
                    assertEquals(expected, taken.takeIHave(slot, h, from, now), "step " + step);
                    outcomes[expected]++;
                }
            }
            assertEquals(checks.deferredCount(slot), taken.deferredCount(slot), "step " + step);
            for (int k = 0; k < checks.deferredCount(slot); k++) {
                assertEquals(checks.deferredSender(slot, k), taken.deferredSender(slot, k));
            }
        }
        for (int outcome = 0; outcome < 3; outcome++) {
            assertTrue(outcomes[outcome] > 500, "too few of outcome " + outcome + ": " + outcomes[outcome]);
        }
        assertTrue(fullLines > 500, "too few IHAVEs met a full line of senders: " + fullLines);
    }
}
