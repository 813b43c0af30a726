package io.solcial.content;

import io.solcial.multiformats.ByteReader;
import io.solcial.multiformats.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The UnixFS {@code Data} protobuf message carried in a dag-pb node's Data (ipfs/specs unixfs):
 * {@code Type=1 Data=2 filesize=3 blocksizes=4 hashType=5 fanout=6 mode=7 mtime=8}.
 *
 * <p>The encoder writes fields in field order and {@code blocksizes} unpacked (one tag per value),
 * as the js and go importers do. The decoder is strict: Type present and known, fields in field
 * order, only {@code blocksizes} repeated, expected wire types, minimal varints, no unknown fields.
 * A packed {@code blocksizes} is rejected: no importer writes it.
 */
public record UnixFsData(
        UnixFsType type,
        Optional<Bytes> data,
        OptionalLong filesize,
        List<Long> blocksizes,
        OptionalLong hashType,
        OptionalLong fanout,
        OptionalLong mode,
        Optional<UnixTime> mtime) {

    public UnixFsData {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        blocksizes = List.copyOf(blocksizes);
        requireUnsigned(filesize, "filesize");
        requireUnsigned(hashType, "hashType");
        requireUnsigned(fanout, "fanout");
        requireUnsigned(mode, "mode");
        for (long size : blocksizes) {
            if (size < 0) {
                throw new IllegalArgumentException("blocksizes must not be negative");
            }
        }
        if (mode.isPresent() && mode.getAsLong() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("mode must fit 32 bits");
        }
        Objects.requireNonNull(mtime, "mtime");
    }

    /** A File node of a chunked file: no inline data, its total size and its children's sizes. */
    public static UnixFsData file(long filesize, List<Long> blocksizes) {
        return new UnixFsData(UnixFsType.FILE, Optional.empty(), OptionalLong.of(filesize), blocksizes,
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
    }

    private static void requireUnsigned(OptionalLong value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && value.getAsLong() < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    /** Bytes of file content under this node: inline data plus every child's size. */
    public long contentSize() {
        long sum = data.map(Bytes::length).orElse(0);
        for (long size : blocksizes) {
            sum = Math.addExact(sum, size);
        }
        return sum;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Protowire.writeTag(out, 1, Protowire.VARINT);
        Protowire.writeVarint(out, type.code());
        data.ifPresent(d -> Protowire.writeBytes(out, 2, d.toByteArray()));
        writeVarintField(out, 3, filesize);
        for (long size : blocksizes) {
            Protowire.writeTag(out, 4, Protowire.VARINT);
            Protowire.writeVarint(out, size);
        }
        writeVarintField(out, 5, hashType);
        writeVarintField(out, 6, fanout);
        writeVarintField(out, 7, mode);
        mtime.ifPresent(t -> Protowire.writeBytes(out, 8, encodeTime(t)));
        return out.toByteArray();
    }

    private static void writeVarintField(ByteArrayOutputStream out, int field, OptionalLong value) {
        if (value.isPresent()) {
            Protowire.writeTag(out, field, Protowire.VARINT);
            Protowire.writeVarint(out, value.getAsLong());
        }
    }

    private static byte[] encodeTime(UnixTime time) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Protowire.writeTag(out, 1, Protowire.VARINT);
        Protowire.writeVarint(out, time.seconds());
        if (time.fractionalNanoseconds().isPresent()) {
            Protowire.writeTag(out, 2, Protowire.FIXED32);
            Protowire.writeFixed32(out, time.fractionalNanoseconds().getAsInt());
        }
        return out.toByteArray();
    }

    /** Decodes a UnixFS Data message strictly. */
    public static UnixFsData decode(byte[] bytes) throws BlockFormatException {
        try {
            return new Decoder(new ByteReader(bytes)).decode();
        } catch (IllegalArgumentException e) { // includes InvalidMultiformatException
            throw new BlockFormatException("invalid unixfs: " + e.getMessage(), e);
        }
    }

    private static final class Decoder {
        private final ByteReader in;
        private int lastField;

        Decoder(ByteReader in) {
            this.in = in;
        }

        UnixFsData decode() throws BlockFormatException {
            UnixFsType type = null;
            Bytes data = null;
            OptionalLong filesize = OptionalLong.empty();
            List<Long> blocksizes = new ArrayList<>();
            OptionalLong hashType = OptionalLong.empty();
            OptionalLong fanout = OptionalLong.empty();
            OptionalLong mode = OptionalLong.empty();
            UnixTime mtime = null;
            while (in.hasRemaining()) {
                long key = Protowire.readVarint(in);
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if (key >>> 3 > 8 || field < 1) {
                    throw new BlockFormatException("invalid unixfs: unknown field " + (key >>> 3));
                }
                checkOrder(field);
                switch (field) {
                    case 1 -> type = UnixFsType.fromCode(varint(wire, "Type"));
                    case 2 -> data = Bytes.of(bytes(wire, "Data"));
                    case 3 -> filesize = OptionalLong.of(varint(wire, "filesize"));
                    case 4 -> {
                        if (wire == Protowire.BYTES) {
                            throw new BlockFormatException("invalid unixfs: packed blocksizes are not supported");
                        }
                        blocksizes.add(varint(wire, "blocksizes"));
                    }
                    case 5 -> hashType = OptionalLong.of(varint(wire, "hashType"));
                    case 6 -> fanout = OptionalLong.of(varint(wire, "fanout"));
                    case 7 -> mode = OptionalLong.of(varint(wire, "mode"));
                    default -> mtime = decodeTime(bytes(wire, "mtime"));
                }
            }
            if (type == null) {
                throw new BlockFormatException("invalid unixfs: missing Type");
            }
            return new UnixFsData(type, Optional.ofNullable(data), filesize, blocksizes, hashType, fanout, mode,
                    Optional.ofNullable(mtime));
        }

        private void checkOrder(int field) throws BlockFormatException {
            if (field < lastField) {
                throw new BlockFormatException("invalid unixfs: field " + field + " after field " + lastField);
            }
            if (field == lastField && field != 4) {
                throw new BlockFormatException("invalid unixfs: duplicate field " + field);
            }
            lastField = field;
        }

        private long varint(int wire, String name) throws BlockFormatException {
            requireWire(wire, Protowire.VARINT, name);
            return Protowire.readUnsigned(in, name);
        }

        private byte[] bytes(int wire, String name) throws BlockFormatException {
            requireWire(wire, Protowire.BYTES, name);
            return Protowire.readLengthDelimited(in);
        }

        private static UnixTime decodeTime(byte[] bytes) throws BlockFormatException {
            ByteReader in = new ByteReader(bytes);
            Long seconds = null;
            Integer nanos = null;
            int last = 0;
            while (in.hasRemaining()) {
                long key = Protowire.readVarint(in);
                long field = key >>> 3;
                int wire = (int) (key & 7);
                if (field <= last) {
                    throw new BlockFormatException("invalid unixfs: mtime fields out of order or repeated");
                }
                if (field == 1 && wire == Protowire.VARINT) {
                    seconds = Protowire.readVarint(in);
                } else if (field == 2 && wire == Protowire.FIXED32) {
                    nanos = Protowire.readFixed32(in);
                } else {
                    throw new BlockFormatException("invalid unixfs: unexpected mtime field " + field + " wire " + wire);
                }
                last = (int) field;
            }
            if (seconds == null) {
                throw new BlockFormatException("invalid unixfs: mtime without Seconds");
            }
            return new UnixTime(seconds, nanos == null ? OptionalInt.empty() : OptionalInt.of(nanos));
        }

        private static void requireWire(int wire, int expected, String name) throws BlockFormatException {
            if (wire != expected) {
                throw new BlockFormatException("invalid unixfs: " + name + " has wire type " + wire);
            }
        }
    }
}
