package io.solcial.beacon.gateway.ipfs;

import io.solcial.content.Block;
import io.solcial.content.BlockSource;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.StoreException;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.util.Optional;

/** The node's blocks plus identity CIDs, whose block is their own digest (e.g. the probe {@code bafkqaaa}). */
final class IpfsBlocks implements BlockSource {
    private final BlockSource store;

    IpfsBlocks(BlockSource store) {
        this.store = store;
    }

    @Override
    public Optional<Block> get(Cid cid) throws StoreException, CorruptBlockException {
        if (cid.multihash().code() == Multicodec.IDENTITY) {
            return Optional.of(Block.verified(cid, cid.multihash().digest().toByteArray()));
        }
        return store.get(cid);
    }
}
