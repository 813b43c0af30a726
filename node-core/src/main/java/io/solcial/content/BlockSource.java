package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.io.IOException;
import java.util.Optional;

/** Somewhere blocks can be read by CID. A returned block has been checked against its CID. */
@FunctionalInterface
public interface BlockSource {

    Optional<Block> get(Cid cid) throws StoreException, CorruptBlockException;

    /**
     * The block a DAG walk needs next: {@link MissingBlockException} when it is absent,
     * {@link InvalidDagException} when it is corrupt, a plain {@link IOException} when the store fails.
     */
    default Block require(Cid cid) throws IOException {
        try {
            return get(cid).orElseThrow(() -> new MissingBlockException(cid));
        } catch (StoreException e) {
            throw new IOException("could not read block " + cid + ": " + e.getMessage(), e);
        } catch (CorruptBlockException e) {
            throw new InvalidDagException(cid, e.getMessage(), e);
        }
    }
}
