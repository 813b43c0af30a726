package io.solcial.multiformats;

import java.io.ByteArrayOutputStream;

/**
 * multiformats unsigned-varint: LEB128, 7 bits per byte, most significant bit set on every byte
 * but the last. Values are limited to 63 bits (at most 9 bytes) as the spec says, and decoding
 * rejects non-minimal encodings.
 */
public final class Varint {
    /** The spec's practical maximum: 9 bytes, 63 bits. */
    public static final int MAX_BYTES = 9;

    private Varint() {
    }

    /** The number of bytes {@code value} takes. */
    public static int size(long value) {
        requireUnsigned(value);
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    public static byte[] encode(long value) {
        byte[] out = new byte[size(value)];
        write(value, out, 0);
        return out;
    }

    public static void write(long value, ByteArrayOutputStream out) {
        out.writeBytes(encode(value));
    }

    /** Writes {@code value} at {@code offset} and returns the offset after it. */
    public static int write(long value, byte[] out, int offset) {
        requireUnsigned(value);
        while ((value & ~0x7FL) != 0) {
            out[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[offset++] = (byte) value;
        return offset;
    }

    /** Decodes one varint from the reader's position, advancing it. */
    public static long read(ByteReader in) {
        long value = 0;
        int start = in.position();
        for (int i = 0; i < MAX_BYTES; i++) {
            if (!in.hasRemaining()) {
                throw new InvalidMultiformatException("truncated varint at offset " + start);
            }
            int b = in.readByte() & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new InvalidMultiformatException("non-minimal varint at offset " + start);
                }
                return value;
            }
        }
        throw new InvalidMultiformatException("varint longer than " + MAX_BYTES + " bytes at offset " + start);
    }

    /** Decodes a buffer that must hold exactly one varint. */
    public static long decode(byte[] data) {
        ByteReader in = new ByteReader(data);
        long v = read(in);
        in.requireEnd("varint");
        return v;
    }

    /** Reads a varint that must fit a non-negative int (lengths, codes). */
    public static int readInt(ByteReader in) {
        long v = read(in);
        if (v > Integer.MAX_VALUE) {
            throw new InvalidMultiformatException("varint value " + v + " too large");
        }
        return (int) v;
    }

    private static void requireUnsigned(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint values are unsigned 63-bit, got " + value);
        }
    }
}
