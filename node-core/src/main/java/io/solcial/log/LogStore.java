package io.solcial.log;

import io.solcial.content.Block;
import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import java.util.List;
import java.util.Optional;

/**
 * The validated log entries a node holds, indexed by author. Only entries that passed
 * {@link EntryValidator} go in, each after its prev entries, so every author's log here is closed
 * under prev. The entry blocks live in the node's blockstore (and are served like any block).
 */
public interface LogStore {

    /** An entry with its block, to be stored. */
    record Item(LogEntry entry, Block block) {
        public Item {
            if (!block.cid().equals(entry.cid())) {
                throw new IllegalArgumentException("block " + block.cid() + " is not entry " + entry.cid());
            }
        }
    }

    /** Stores a validated entry and its block; false when it was already held. */
    default boolean add(LogEntry entry, Block block) throws StoreException {
        return !addAll(List.of(new Item(entry, block))).isEmpty();
    }

    /**
     * Stores validated entries (each after its prevs, in list order) at once, atomically; returns
     * those that were not held before.
     */
    List<LogEntry> addAll(List<Item> items) throws StoreException;

    boolean has(Cid entry) throws StoreException;

    Optional<LogEntry> get(Cid entry) throws StoreException;

    /** The author's entries that no other held entry names as prev (empty for an unknown author). */
    List<LogEntry> heads(Ed25519PublicKey author) throws StoreException;

    /** The largest seq held for the author, 0 when none. */
    long maxSeq(Ed25519PublicKey author) throws StoreException;

    /** CIDs of the author's entries with seq greater than {@code afterSeq}, by (seq, CID), at most {@code limit}. */
    List<Cid> cidsAfter(Ed25519PublicKey author, long afterSeq, int limit) throws StoreException;

    /** Every entry of the author's log held here, by (seq, CID). */
    List<LogEntry> entries(Ed25519PublicKey author) throws StoreException;

    /** Authors with at least one entry held. */
    List<Ed25519PublicKey> authors() throws StoreException;

    long count() throws StoreException;

    long count(Ed25519PublicKey author) throws StoreException;

    /** Drops the author's entries from the index (their blocks go with the next GC once unpinned); returns how many. */
    int forget(Ed25519PublicKey author) throws StoreException;
}
