package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A test block store: a map, with hooks to tamper with its contents. */
final class HashMapBlocks implements BlockSink, BlockSource {
    private final Map<Cid, Block> blocks = new LinkedHashMap<>();
    private long puts;

    @Override
    public void put(Block block) {
        puts++;
        blocks.putIfAbsent(block.cid(), block);
    }

    @Override
    public Optional<Block> get(Cid cid) {
        return Optional.ofNullable(blocks.get(cid));
    }

    void remove(Cid cid) {
        blocks.remove(cid);
    }

    int size() {
        return blocks.size();
    }

    long puts() {
        return puts;
    }

    Map<Cid, Block> asMap() {
        return blocks;
    }
}
