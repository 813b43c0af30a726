package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HostTableTest {

    private static PeerId peer(SplittableRandom random) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Ed25519PublicKey.of(raw).peerId();
    }

    /** An equal id that is another object, as a decoded copy would be. */
    private static PeerId copyOf(PeerId id) {
        return PeerId.fromBytes(id.toBytes());
    }

    @Test
    void findsEveryHostByItsIdObjectOrAnEqualCopyAcrossGrowth() {
        SplittableRandom random = new SplittableRandom(1);
        HostTable table = new HostTable();
        List<PeerId> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            PeerId id = peer(random);
            assertEquals(i, table.add(id));
            ids.add(id);
        }
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, table.indexOf(ids.get(i)));
            assertEquals(i, table.indexOf(copyOf(ids.get(i))));
            assertEquals(ids.get(i), table.id(i));
        }
        for (int i = 0; i < 5_000; i++) {
            assertEquals(-1, table.indexOf(peer(random)), "an unknown id");
        }
    }

    @Test
    void refusesAHostTwice() {
        HostTable table = new HostTable();
        PeerId id = peer(new SplittableRandom(2));
        table.add(id);
        assertThrows(IllegalArgumentException.class, () -> table.add(copyOf(id)));
        assertEquals(0, table.indexOf(id));
    }
}
