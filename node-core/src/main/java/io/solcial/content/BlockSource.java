package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.util.Optional;

/** Somewhere blocks can be read by CID. A returned block has been checked against its CID. */
@FunctionalInterface
public interface BlockSource {

    Optional<Block> get(Cid cid) throws StoreException, CorruptBlockException;
}
