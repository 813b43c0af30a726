package io.solcial.multiformats;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** An immutable byte string with value semantics, ordered lexicographically as unsigned bytes. */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;
    /** Cached {@link #hashCode()}, computed on first use (as String does; a benign race). */
    private int hash;
    private boolean hashIsZero;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Copies {@code data}. */
    public static Bytes of(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** Copies {@code length} bytes of {@code data} from {@code offset}. */
    public static Bytes of(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length); // copyOfRange would pad with zeros
        return new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** Takes ownership of {@code data}: the caller must not change it afterwards. */
    static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public static Bytes fromHex(String hex) {
        try {
            return new Bytes(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new InvalidMultiformatException("not hex: " + e.getMessage(), e);
        }
    }

    public int length() {
        return data.length;
    }

    public byte get(int index) {
        return data[index];
    }

    /** A read-only view of the bytes, without copying them. */
    public java.nio.ByteBuffer asReadOnlyBuffer() {
        return java.nio.ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Feeds the bytes to {@code digest} in place. */
    void updateDigest(java.security.MessageDigest digest) {
        digest.update(data);
    }

    /** Whether the bytes are {@code other}'s first {@code length} bytes and nothing more. */
    boolean contentEquals(byte[] other, int length) {
        return Arrays.equals(data, 0, data.length, other, 0, length);
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    public String toHex() {
        return HEX.formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && !hashIsZero) {
            h = Arrays.hashCode(data);
            if (h == 0) {
                hashIsZero = true;
            } else {
                hash = h;
            }
        }
        return h;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
