package io.solcial.node;

import io.solcial.content.Block;
import io.solcial.multiformats.Cid;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recently read small blocks (entries, post content), by CID, up to a byte budget. A
 * CID's bytes never change, so a cached block is never stale; it saves the store read and the
 * re-hash that every page view would otherwise repeat for every post it shows.
 */
final class BlockCache {
    private final long maxBytes;
    private final int maxBlockSize;
    private final LinkedHashMap<Cid, Block> blocks = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    BlockCache(long maxBytes, int maxBlockSize) {
        this.maxBytes = maxBytes;
        this.maxBlockSize = maxBlockSize;
    }

    synchronized Optional<Block> get(Cid cid) {
        return Optional.ofNullable(blocks.get(cid));
    }

    synchronized void put(Block block) {
        if (block.size() > maxBlockSize || blocks.containsKey(block.cid())) {
            return;
        }
        blocks.put(block.cid(), block);
        bytes += block.size();
        Iterator<Map.Entry<Cid, Block>> eldest = blocks.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().size();
            eldest.remove();
        }
    }
}
