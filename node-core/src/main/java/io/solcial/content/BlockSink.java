package io.solcial.content;

/** Somewhere blocks can be written: a block store, a CAR file, a network session. */
@FunctionalInterface
public interface BlockSink {

    /** Stores a block; storing one that is already present is a no-op. */
    void put(Block block) throws StoreException;
}
