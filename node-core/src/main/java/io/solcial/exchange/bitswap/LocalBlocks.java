package io.solcial.exchange.bitswap;

import io.solcial.content.Block;
import io.solcial.content.Blockstore;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.StoreException;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The blocks we have: the store's, plus every identity-hashed CID (its data is in the CID). */
final class LocalBlocks {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBlocks.class);

    private final Blockstore store;

    LocalBlocks(Blockstore store) {
        this.store = store;
    }

    Blockstore store() {
        return store;
    }

    /** The block, or empty if absent or unreadable (a store failure is logged, not thrown). */
    Optional<Block> get(Cid cid) {
        if (cid.multihash().code() == Multicodec.IDENTITY) {
            try {
                return Optional.of(Block.verified(cid, cid.multihash().digest().toByteArray()));
            } catch (CorruptBlockException e) {
                return Optional.empty();
            }
        }
        try {
            return store.get(cid);
        } catch (StoreException | CorruptBlockException e) {
            LOG.warn("bitswap: cannot read {} from the store", cid, e);
            return Optional.empty();
        }
    }

    /** The size of the block, or empty if absent or unreadable, without reading its data. */
    OptionalInt size(Cid cid) {
        if (cid.multihash().code() == Multicodec.IDENTITY) {
            return OptionalInt.of(cid.multihash().digest().length());
        }
        try {
            return store.blockSize(cid);
        } catch (StoreException e) {
            LOG.warn("bitswap: cannot read the size of {} from the store", cid, e);
            return OptionalInt.empty();
        }
    }
}
