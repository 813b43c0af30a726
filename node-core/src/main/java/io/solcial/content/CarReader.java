package io.solcial.content;

import io.solcial.multiformats.ByteReader;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.InvalidMultiformatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a CARv1 stream strictly. The header is read and checked on construction; then
 * {@link #next()} returns one block per section, each hash-checked against its CID, until the
 * stream ends cleanly at a section boundary. A stream that ends inside a length or a section,
 * a section above {@link #MAX_SECTION_SIZE}, or a section whose CID does not parse is a
 * {@link CarFormatException}; a block that does not match its CID is a
 * {@link CorruptBlockException}.
 */
public final class CarReader implements Closeable {
    /** The largest header accepted. */
    public static final int MAX_HEADER_SIZE = 64 * 1024;
    /** A block of {@link Block#MAX_SIZE} plus room for its CID. */
    public static final int MAX_SECTION_SIZE = Block.MAX_SIZE + 256;

    private final InputStream in;
    private final CarHeader header;
    private long offset;

    public CarReader(InputStream in) throws IOException {
        this.in = Objects.requireNonNull(in, "in");
        long length = readLength("header length");
        if (length <= 0) {
            throw new CarFormatException(length < 0 ? "empty CAR stream" : "CAR header of zero length");
        }
        if (length > MAX_HEADER_SIZE) {
            throw new CarFormatException("CAR header of " + length + " bytes exceeds " + MAX_HEADER_SIZE);
        }
        this.header = CarHeader.decode(readExactly((int) length, "header"));
    }

    public List<Cid> roots() {
        return header.roots();
    }

    /** The next block, or empty at the end of the stream. */
    public Optional<Block> next() throws IOException, CorruptBlockException {
        long sectionStart = offset;
        long length = readLength("section length");
        if (length < 0) {
            return Optional.empty();
        }
        if (length == 0) {
            throw new CarFormatException("empty CAR section at offset " + sectionStart);
        }
        if (length > MAX_SECTION_SIZE) {
            throw new CarFormatException("CAR section of " + length + " bytes at offset " + sectionStart
                    + " exceeds " + MAX_SECTION_SIZE);
        }
        byte[] section = readExactly((int) length, "section at offset " + sectionStart);
        ByteReader reader = new ByteReader(section);
        Cid cid;
        try {
            cid = Cid.read(reader);
        } catch (InvalidMultiformatException e) {
            throw new CarFormatException("bad CID in CAR section at offset " + sectionStart + ": "
                    + e.getMessage(), e);
        }
        return Optional.of(Block.verified(cid, reader.readRest()));
    }

    /** Reads a uvarint; -1 if the stream ends before its first byte. */
    private long readLength(String what) throws IOException {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            int b = in.read();
            if (b < 0) {
                if (i == 0) {
                    return -1;
                }
                throw new CarFormatException("truncated CAR: stream ends inside the " + what + " at offset " + offset);
            }
            offset++;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new CarFormatException("non-minimal " + what + " at offset " + (offset - i - 1));
                }
                return value;
            }
        }
        throw new CarFormatException(what + " longer than 9 bytes at offset " + offset);
    }

    private byte[] readExactly(int length, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        offset += bytes.length;
        if (bytes.length < length) {
            throw new CarFormatException("truncated CAR: " + what + " needs " + length + " bytes, stream has "
                    + bytes.length);
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
