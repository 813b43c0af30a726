package io.solcial.overlay.plumtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.Bytes;
import io.solcial.overlay.Topic;
import io.solcial.overlay.plumtree.PlumtreeMessage.Announcement;
import io.solcial.overlay.plumtree.PlumtreeMessage.Gossip;
import io.solcial.overlay.plumtree.PlumtreeMessage.Graft;
import io.solcial.overlay.plumtree.PlumtreeMessage.IHave;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlumtreeMessageTest {
    private static final Topic T = Topic.PUBLIC;
    private static final MessageId ID = MessageId.of(new byte[] {1, 2, 3});

    @Test
    void anIdMatchesOnlyItsOwnPayload() {
        Bytes payload = Bytes.of(new byte[] {1, 2, 3});
        assertTrue(ID.matches(payload));
        assertFalse(ID.matches(Bytes.of(new byte[] {1, 2, 4})));
        assertFalse(ID.matches(Bytes.EMPTY));
        assertTrue(MessageId.of(Bytes.EMPTY).matches(Bytes.EMPTY));
    }

    @Test
    void messageIdIsTheSha256OfThePayload() {
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", ID.hash().toHex());
        assertEquals("039058c6f2c0", ID.toString());
        assertThrows(IllegalArgumentException.class, () -> new MessageId(Bytes.of(new byte[31])));
    }

    @Test
    void rejectsPayloadAboveTheMaximum() {
        Bytes max = Bytes.of(new byte[PlumtreeConstants.MAX_PAYLOAD_LENGTH]);
        assertEquals(max, new Gossip(T, MessageId.of(max), 1, max).payload());
        Bytes over = Bytes.of(new byte[PlumtreeConstants.MAX_PAYLOAD_LENGTH + 1]);
        assertThrows(IllegalArgumentException.class, () -> new Gossip(T, ID, 1, over));
    }

    @Test
    void rejectsRoundsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new Gossip(T, ID, -1, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new Graft(T, Optional.of(ID), PlumtreeConstants.MAX_ROUND + 1));
        assertThrows(IllegalArgumentException.class, () -> new Announcement(ID, -5));
    }

    @Test
    void ihaveCarriesOneToMaxIds() {
        assertThrows(IllegalArgumentException.class, () -> new IHave(T, List.of()));
        List<Announcement> max = Collections.nCopies(PlumtreeConstants.MAX_IHAVE_IDS, new Announcement(ID, 1));
        assertEquals(PlumtreeConstants.MAX_IHAVE_IDS, new IHave(T, max).announcements().size());
        List<Announcement> over = Collections.nCopies(PlumtreeConstants.MAX_IHAVE_IDS + 1, new Announcement(ID, 1));
        assertThrows(IllegalArgumentException.class, () -> new IHave(T, over));
    }

    @Test
    void defaultsAreOurParameters() {
        PlumtreeConfig d = PlumtreeConfig.defaults();
        assertEquals(500, d.ihaveInterval().toMillis());
        assertEquals(1000, d.graftTimeout().toMillis());
        assertEquals(500, d.secondGraftTimeout().toMillis());
        assertEquals(4, d.optimizationThreshold());
    }
}
