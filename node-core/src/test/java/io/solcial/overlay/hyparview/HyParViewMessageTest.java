package io.solcial.overlay.hyparview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.overlay.Topic;
import io.solcial.overlay.hyparview.HyParViewMessage.ForwardJoin;
import io.solcial.overlay.hyparview.HyParViewMessage.JoinRefused;
import io.solcial.overlay.hyparview.HyParViewMessage.Shuffle;
import io.solcial.overlay.hyparview.HyParViewMessage.ShuffleReply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyParViewMessageTest {
    private static final Topic T = Topic.PUBLIC;

    private static List<PeerId> peers(int count) {
        List<PeerId> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] raw = new byte[32];
            raw[0] = (byte) i;
            raw[1] = (byte) (i >> 8);
            out.add(Ed25519PublicKey.of(raw).peerId());
        }
        return out;
    }

    @Test
    void rejectsASampleAboveTheMaximum() {
        List<PeerId> tooMany = peers(HyParViewConstants.MAX_SAMPLE_SIZE + 1);
        assertThrows(IllegalArgumentException.class, () -> new ShuffleReply(T, tooMany));
        assertThrows(IllegalArgumentException.class, () -> new Shuffle(T, tooMany.get(0), 3, tooMany));
        assertEquals(64, new ShuffleReply(T, tooMany.subList(0, 64)).sample().size());
    }

    @Test
    void rejectsARepeatedPeerInASample() {
        PeerId p = peers(1).get(0);
        assertThrows(IllegalArgumentException.class, () -> new ShuffleReply(T, List.of(p, p)));
    }

    @Test
    void findsARepeatAnywhereInSmallAndLargeSamplesAlsoWhenTheCopyIsAnotherObject() {
        for (int size : new int[] {3, 16, 17, 64}) {
            List<PeerId> distinct = peers(size);
            assertEquals(size, new ShuffleReply(T, distinct).sample().size(), "distinct peers pass at " + size);
            // the first peer again, decoded anew (equal, not the same object), in the last place
            PeerId copy = PeerId.fromBytes(distinct.get(0).toBytes());
            List<PeerId> repeated = new ArrayList<>(distinct.subList(0, size - 1));
            repeated.add(copy);
            assertThrows(IllegalArgumentException.class, () -> new ShuffleReply(T, repeated), "repeat at " + size);
            assertThrows(IllegalArgumentException.class,
                    () -> new Shuffle(T, distinct.get(1), 3, repeated), "repeat at " + size);
        }
    }

    @Test
    void rejectsATtlOutOfRange() {
        PeerId p = peers(1).get(0);
        assertThrows(IllegalArgumentException.class, () -> new ForwardJoin(T, p, -1));
        assertThrows(IllegalArgumentException.class, () -> new ForwardJoin(T, p, HyParViewConstants.MAX_TTL + 1));
        assertThrows(IllegalArgumentException.class, () -> new Shuffle(T, p, HyParViewConstants.MAX_TTL + 1, List.of()));
    }

    @Test
    void rejectsAnEmptyOrOverlongRefusalReason() {
        assertThrows(IllegalArgumentException.class, () -> new JoinRefused(T, ""));
        assertThrows(IllegalArgumentException.class,
                () -> new JoinRefused(T, "x".repeat(HyParViewConstants.MAX_REASON_LENGTH + 1)));
    }

    @Test
    void copiesTheSample() {
        List<PeerId> sample = new ArrayList<>(peers(3));
        ShuffleReply reply = new ShuffleReply(T, sample);
        sample.clear();
        assertEquals(3, reply.sample().size());
    }

    @Test
    void configSizesTheViewsFromN() {
        HyParViewConfig c = HyParViewConfig.defaults();
        assertEquals(3, c.activeViewSize(1));
        assertEquals(3, c.activeViewSize(4));
        assertEquals(8, c.activeViewSize(200));
        assertEquals(14, c.activeViewSize(10_000));
        assertEquals(17, c.activeViewSize(100_000));
        assertEquals(32, c.activeViewSize(Long.MAX_VALUE));
        assertEquals(84, c.passiveViewSize(10_000));
        assertThrows(IllegalArgumentException.class, () -> new HyParViewConfig(3, 32, 6, 2, 3,
                c.shuffleInterval(), 4, 3, 4, c.networkSizeRefresh(), 1000, c.neighborTimeout()));
    }
}
