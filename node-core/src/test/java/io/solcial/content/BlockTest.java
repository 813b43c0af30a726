package io.solcial.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import org.junit.jupiter.api.Test;

class BlockTest {

    @Test
    void verifiedAcceptsMatchingBytes() throws Exception {
        byte[] data = {1, 2, 3};
        Cid cid = Cid.of(Multicodec.RAW, data);
        Block block = Block.verified(cid, data);
        assertEquals(cid, block.cid());
        assertEquals(3, block.size());
    }

    @Test
    void verifiedRejectsBytesThatDoNotMatch() {
        Cid cid = Cid.of(Multicodec.RAW, new byte[] {1, 2, 3});
        CorruptBlockException e = assertThrows(CorruptBlockException.class,
                () -> Block.verified(cid, new byte[] {1, 2, 4}));
        assertEquals(cid, e.cid());
        assertTrue(e.getMessage().contains(cid.toString()));
    }

    @Test
    void refusesBlocksOverTwoMebibytes() {
        byte[] big = new byte[Block.MAX_SIZE + 1];
        assertThrows(IllegalArgumentException.class, () -> Block.create(Multicodec.RAW, big));
        assertThrows(CorruptBlockException.class, () -> Block.verified(Cid.of(Multicodec.RAW, big), big));
    }

    @Test
    void acceptsABlockOfExactlyTwoMebibytes() {
        assertEquals(Block.MAX_SIZE, Block.create(Multicodec.RAW, new byte[Block.MAX_SIZE]).size());
    }

    @Test
    void blockOwnsItsBytes() {
        byte[] data = {9, 9};
        Block block = Block.create(Multicodec.RAW, data);
        data[0] = 0;
        block.bytes()[1] = 0;
        assertEquals(9, block.data().get(0));
        assertEquals(9, block.data().get(1));
    }
}
