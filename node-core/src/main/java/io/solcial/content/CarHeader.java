package io.solcial.content;

import io.solcial.multiformats.ByteReader;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.InvalidMultiformatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CARv1 header (ipld specs/transport/car/carv1): the DAG-CBOR map
 * {@code {"roots": [CID...], "version": 1}}, keys in DAG-CBOR order ("roots" is shorter, so
 * first), each CID as tag 42 over the bytes {@code 0x00 || binary CID}. The decoder reads exactly
 * this shape and nothing else, in canonical form only (minimal lengths, no indefinite items).
 */
public record CarHeader(List<Cid> roots) {
    /** At most this many roots are accepted when decoding. */
    public static final int MAX_ROOTS = 1024;

    private static final int MAJOR_UNSIGNED = 0;
    private static final int MAJOR_BYTES = 2;
    private static final int MAJOR_TEXT = 3;
    private static final int MAJOR_ARRAY = 4;
    private static final int MAJOR_MAP = 5;
    private static final int MAJOR_TAG = 6;
    private static final int TAG_CID = 42;

    public CarHeader {
        roots = List.copyOf(roots);
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeHead(out, MAJOR_MAP, 2);
        writeText(out, "roots");
        writeHead(out, MAJOR_ARRAY, roots.size());
        for (Cid root : roots) {
            byte[] cid = root.toBytes();
            writeHead(out, MAJOR_TAG, TAG_CID);
            writeHead(out, MAJOR_BYTES, cid.length + 1);
            out.write(0);
            out.writeBytes(cid);
        }
        writeText(out, "version");
        writeHead(out, MAJOR_UNSIGNED, 1);
        return out.toByteArray();
    }

    private static void writeText(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        writeHead(out, MAJOR_TEXT, utf8.length);
        out.writeBytes(utf8);
    }

    private static void writeHead(ByteArrayOutputStream out, int major, long value) {
        int type = major << 5;
        if (value < 24) {
            out.write(type | (int) value);
        } else if (value < 0x100) {
            out.write(type | 24);
            out.write((int) value);
        } else if (value < 0x10000) {
            out.write(type | 25);
            writeBigEndian(out, value, 2);
        } else if (value < 0x1_0000_0000L) {
            out.write(type | 26);
            writeBigEndian(out, value, 4);
        } else {
            out.write(type | 27);
            writeBigEndian(out, value, 8);
        }
    }

    private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }

    /** Decodes the header bytes (without the length prefix). */
    public static CarHeader decode(byte[] bytes) throws CarFormatException {
        try {
            ByteReader in = new ByteReader(bytes);
            expectHead(in, MAJOR_MAP, 2, "a map of two entries");
            expectText(in, "roots");
            long count = readHead(in, MAJOR_ARRAY, "roots array");
            if (count > MAX_ROOTS) {
                throw new CarFormatException("invalid CAR header: " + count + " roots exceed " + MAX_ROOTS);
            }
            List<Cid> roots = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                roots.add(readCid(in));
            }
            expectText(in, "version");
            long version = readHead(in, MAJOR_UNSIGNED, "version");
            if (version != 1) {
                throw new CarFormatException("unsupported CAR version " + version);
            }
            in.requireEnd("CAR header");
            return new CarHeader(roots);
        } catch (InvalidMultiformatException e) {
            throw new CarFormatException("invalid CAR header: " + e.getMessage(), e);
        }
    }

    private static Cid readCid(ByteReader in) throws CarFormatException {
        expectHead(in, MAJOR_TAG, TAG_CID, "tag 42 (CID)");
        long length = readHead(in, MAJOR_BYTES, "CID bytes");
        if (length < 2 || length > in.remaining()) {
            throw new CarFormatException("invalid CAR header: CID of " + length + " bytes");
        }
        byte[] value = in.readBytes((int) length);
        if (value[0] != 0) {
            throw new CarFormatException("invalid CAR header: CID bytes must start with 0x00");
        }
        return Cid.decode(Arrays.copyOfRange(value, 1, value.length));
    }

    private static void expectText(ByteReader in, String expected) throws CarFormatException {
        byte[] utf8 = expected.getBytes(StandardCharsets.UTF_8);
        long length = readHead(in, MAJOR_TEXT, "key \"" + expected + "\"");
        if (length != utf8.length || !Arrays.equals(in.readBytes(utf8.length), utf8)) {
            throw new CarFormatException("invalid CAR header: expected key \"" + expected + "\"");
        }
    }

    private static void expectHead(ByteReader in, int major, long value, String what) throws CarFormatException {
        if (readHead(in, major, what) != value) {
            throw new CarFormatException("invalid CAR header: expected " + what);
        }
    }

    /** Reads a data item head of {@code major} with a minimally encoded argument. */
    private static long readHead(ByteReader in, int major, String what) throws CarFormatException {
        int initial = in.readByte() & 0xFF;
        if (initial >>> 5 != major) {
            throw new CarFormatException("invalid CAR header: expected " + what + ", got CBOR major type "
                    + (initial >>> 5));
        }
        int info = initial & 0x1F;
        if (info < 24) {
            return info;
        }
        int size = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> throw new CarFormatException("invalid CAR header: unsupported CBOR argument " + info
                    + " for " + what);
        };
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | (in.readByte() & 0xFF);
        }
        long minimum = size == 1 ? 24 : 1L << (8 * size / 2);
        if (value < 0 || Long.compareUnsigned(value, minimum) < 0) {
            throw new CarFormatException("invalid CAR header: non-canonical CBOR length for " + what);
        }
        return value;
    }
}
