package io.solcial.content;

import io.solcial.multiformats.ByteReader;
import io.solcial.multiformats.InvalidMultiformatException;
import java.io.ByteArrayOutputStream;

/**
 * The few protobuf wire primitives the UnixFS codec needs: 64-bit varints (10 bytes for negative
 * int64, minimal encoding only), length-delimited bytes and fixed32.
 */
final class Protowire {
    static final int VARINT = 0;
    static final int BYTES = 2;
    static final int FIXED32 = 5;

    private Protowire() {
    }

    static void writeTag(ByteArrayOutputStream out, int field, int wire) {
        writeVarint(out, (long) field << 3 | wire);
    }

    /** Writes all 64 bits of {@code value} (negative numbers take 10 bytes, as protobuf int64). */
    static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    static void writeBytes(ByteArrayOutputStream out, int field, byte[] value) {
        writeTag(out, field, BYTES);
        writeVarint(out, value.length);
        out.writeBytes(value);
    }

    static void writeFixed32(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i) & 0xFF);
        }
    }

    /** Reads a minimally encoded varint of up to 64 bits. */
    static long readVarint(ByteReader in) {
        long value = 0;
        int start = in.position();
        for (int i = 0; i < 10; i++) {
            int b = in.readByte() & 0xFF;
            if (i == 9 && b > 1) {
                throw new InvalidMultiformatException("varint overflows 64 bits at offset " + start);
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new InvalidMultiformatException("non-minimal varint at offset " + start);
                }
                return value;
            }
        }
        throw new InvalidMultiformatException("varint longer than 10 bytes at offset " + start);
    }

    /** Reads a varint that must be an unsigned value below 2^63. */
    static long readUnsigned(ByteReader in, String field) {
        long value = readVarint(in);
        if (value < 0) {
            throw new InvalidMultiformatException(field + " does not fit 63 bits");
        }
        return value;
    }

    static byte[] readLengthDelimited(ByteReader in) {
        long length = readVarint(in);
        if (length < 0 || length > in.remaining()) {
            throw new InvalidMultiformatException("truncated input: field of " + length + " bytes at offset "
                    + in.position() + ", have " + in.remaining());
        }
        return in.readBytes((int) length);
    }

    static int readFixed32(ByteReader in) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (in.readByte() & 0xFF) << (8 * i);
        }
        return value;
    }
}
