package io.solcial.content;

import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Varint;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * Writes a CARv1 stream: {@code uvarint(len) header}, then one section per block,
 * {@code uvarint(len(cid) + len(data)) cid data}. Blocks are written in the order given.
 */
public final class CarWriter implements Closeable {
    private final OutputStream out;

    /** Writes the header for {@code roots} at once. */
    public CarWriter(OutputStream out, List<Cid> roots) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        byte[] header = new CarHeader(roots).encode();
        out.write(Varint.encode(header.length));
        out.write(header);
    }

    public void write(Block block) throws IOException {
        byte[] cid = block.cid().toBytes();
        out.write(Varint.encode((long) cid.length + block.size()));
        out.write(cid);
        out.write(block.bytes());
    }

    /** Flushes and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        out.flush();
        out.close();
    }
}
