package io.solcial.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.content.Block;
import io.solcial.multiformats.Multicodec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockCacheTest {

    private static Block block(int n, int size) {
        byte[] data = new byte[size];
        data[0] = (byte) n;
        data[1] = (byte) (n >> 8);
        return Block.create(Multicodec.RAW, data);
    }

    @Test
    void keepsTheMostRecentlyReadBlocksWithinItsByteBudget() {
        BlockCache cache = new BlockCache(3_000, 1_000);
        Block a = block(1, 1_000);
        Block b = block(2, 1_000);
        Block c = block(3, 1_000);
        cache.put(a);
        cache.put(b);
        cache.put(c);
        assertEquals(Optional.of(a), cache.get(a.cid())); // a is now the most recent
        cache.put(block(4, 1_000));
        assertTrue(cache.get(b.cid()).isEmpty(), "the least recently read block went first");
        assertEquals(Optional.of(a), cache.get(a.cid()));
        assertEquals(Optional.of(c), cache.get(c.cid()));
    }

    @Test
    void largeBlocksAreNotCached() {
        BlockCache cache = new BlockCache(10_000, 1_000);
        Block big = block(1, 1_001);
        cache.put(big);
        assertTrue(cache.get(big.cid()).isEmpty());
    }
}
