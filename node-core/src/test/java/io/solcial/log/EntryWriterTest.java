package io.solcial.log;

import static io.solcial.log.LogFixtures.T0;
import static io.solcial.log.LogFixtures.clockAt;
import static io.solcial.log.LogFixtures.key;
import static io.solcial.log.LogFixtures.rawCid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryWriterTest {
    private final Ed25519KeyPair me = key(1);

    @Test
    void firstEntryHasSeqOneAndNoPrev() {
        LogEntry e = new EntryWriter(me, clockAt(T0)).append(List.of(), Action.APPEND_FEED_POST,
                LogFixtures.content(rawCid("a")));
        assertEquals(1, e.seq());
        assertTrue(e.entry().prev().isEmpty());
        assertEquals(T0, e.entry().timestamp());
        assertTrue(e.entry().verifySignature());
    }

    @Test
    void mergesAllHeadsSortedWithSeqAboveTheHighest() {
        EntryWriter writer = new EntryWriter(me, clockAt(T0));
        LogEntry root = writer.append(List.of(), Action.APPEND_FEED_POST, LogFixtures.content(rawCid("a")));
        LogEntry left = writer.append(List.of(root), Action.APPEND_FEED_POST, LogFixtures.content(rawCid("b")));
        LogEntry left2 = writer.append(List.of(left), Action.APPEND_FEED_POST, LogFixtures.content(rawCid("c")));
        LogEntry right = writer.append(List.of(root), Action.APPEND_FEED_POST, LogFixtures.content(rawCid("d")));
        LogEntry merge = writer.append(List.of(left2, right, right), Action.LIKE, LogFixtures.target(right.cid()));
        assertEquals(4, merge.seq());
        List<io.solcial.multiformats.Cid> expected = left2.cid().compareTo(right.cid()) < 0
                ? List.of(left2.cid(), right.cid()) : List.of(right.cid(), left2.cid());
        assertEquals(expected, merge.entry().prev());
    }

    @Test
    void neverWritesATimestampBeforeAHead() {
        LogEntry ahead = new EntryWriter(me, clockAt(T0 + 60_000)).append(List.of(), Action.APPEND_FEED_POST,
                LogFixtures.content(rawCid("a")));
        LogEntry next = new EntryWriter(me, clockAt(T0)).append(List.of(ahead), Action.LIKE,
                LogFixtures.target(ahead.cid()));
        assertEquals(T0 + 60_000, next.entry().timestamp());
    }

    @Test
    void refusesHeadsOfAnotherAuthor() {
        LogEntry theirs = new EntryWriter(key(2), clockAt(T0)).append(List.of(), Action.APPEND_FEED_POST,
                LogFixtures.content(rawCid("a")));
        assertThrows(IllegalArgumentException.class, () -> new EntryWriter(me, clockAt(T0))
                .append(List.of(theirs), Action.LIKE, LogFixtures.target(theirs.cid())));
    }
}
