package io.solcial.beacon.gateway.model;

import io.solcial.content.Block;
import io.solcial.content.BlockSource;
import io.solcial.content.StoreException;
import io.solcial.multiformats.Cid;
import io.solcial.node.SocialReader;
import java.util.Objects;
import java.util.Optional;

/** The node's blocks as a {@link BlockSource}, for UnixFS reads and CAR walks. */
public final class ReaderBlockSource implements BlockSource {
    private final SocialReader reader;

    public ReaderBlockSource(SocialReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public Optional<Block> get(Cid cid) throws StoreException {
        return reader.block(cid);
    }
}
