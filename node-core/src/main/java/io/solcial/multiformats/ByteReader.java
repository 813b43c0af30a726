package io.solcial.multiformats;

import java.util.Arrays;
import java.util.Objects;

/** A bounds-checked cursor over a byte array for strict decoders. */
public final class ByteReader {
    private final byte[] data;
    private final int end;
    private int pos;

    public ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    public ByteReader(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length); // no int overflow, unlike offset + length
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** The byte {@code offset} bytes past the position, without consuming it. */
    public byte peek(int offset) {
        if (offset < 0 || offset >= end - pos) {
            throw new InvalidMultiformatException("truncated input at offset " + (pos + offset));
        }
        return data[pos + offset];
    }

    public byte readByte() {
        if (pos >= end) {
            throw new InvalidMultiformatException("truncated input at offset " + pos);
        }
        return data[pos++];
    }

    public byte[] readBytes(int n) {
        if (n < 0 || n > end - pos) {
            throw new InvalidMultiformatException(
                    "truncated input: need " + n + " bytes at offset " + pos + ", have " + (end - pos));
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    public byte[] readRest() {
        return readBytes(end - pos);
    }

    /** Throws unless every byte has been consumed. */
    public void requireEnd(String what) {
        if (pos != end) {
            throw new InvalidMultiformatException(
                    (end - pos) + " trailing bytes after " + what + " at offset " + pos);
        }
    }
}
