package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where a node keeps blocks. Every block's hash is checked on put (a {@link Block} is verified by
 * construction) and again on get: a block whose stored bytes no longer match its CID is reported
 * with {@link CorruptBlockException}, never returned.
 *
 * <p>Pins are recursive: pinning a root keeps it and every block reachable from it through the
 * links of the blocks present; {@link #garbageCollect()} deletes what no pin reaches.
 */
public interface Blockstore extends BlockSink, BlockSource, AutoCloseable {

    boolean has(Cid cid) throws StoreException;

    /**
     * The size in bytes of the stored block {@code cid}, or empty if absent, without checking its
     * hash (stores override this to skip reading the data).
     */
    default OptionalInt blockSize(Cid cid) throws StoreException {
        try {
            return get(cid).map(b -> OptionalInt.of(b.size())).orElse(OptionalInt.empty());
        } catch (CorruptBlockException e) {
            throw new StoreException("block " + cid + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Deletes an unpinned block; returns false if absent. Throws if a pin protects it. */
    boolean delete(Cid cid) throws StoreException;

    /** Number of blocks stored. */
    long count() throws StoreException;

    /** Total bytes of block data stored. */
    long sizeBytes() throws StoreException;

    /** Recursively pins the DAG under {@code root}. */
    void pin(Cid root) throws StoreException;

    /** Removes a recursive pin; returns false if it was not pinned. */
    boolean unpin(Cid root) throws StoreException;

    Set<Cid> pins() throws StoreException;

    /** True if {@code cid} is a pin root or reachable from one. */
    boolean isPinned(Cid cid) throws StoreException;

    /** Deletes every block no pin reaches; returns the number deleted. */
    long garbageCollect() throws StoreException;

    @Override
    void close() throws StoreException;
}
