package io.solcial.content;

import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Cid;
import java.util.Objects;

/**
 * A content-addressed block: bytes and the CID that names them. Every instance has been hashed
 * and checked, either by {@link #create} (which computes the CID) or {@link #verified} (which
 * checks a claimed CID), so a {@code Block} is never corrupt.
 */
public final class Block {
    /** The largest block we create, store or accept (Bitswap's 2 MiB). */
    public static final int MAX_SIZE = 2 * 1024 * 1024;

    private final Cid cid;
    private final Bytes data;

    private Block(Cid cid, Bytes data) {
        this.cid = cid;
        this.data = data;
    }

    /** Hashes {@code data} (sha2-256) into a CIDv1 with {@code codec}. */
    public static Block create(long codec, byte[] data) {
        requireSize(data.length);
        return new Block(Cid.of(codec, data), Bytes.of(data));
    }

    /** Checks that {@code data} hashes to {@code cid}. */
    public static Block verified(Cid cid, byte[] data) throws CorruptBlockException {
        if (data.length > MAX_SIZE) {
            throw new CorruptBlockException(cid, "size " + data.length + " exceeds " + MAX_SIZE);
        }
        if (!cid.matches(data)) {
            throw new CorruptBlockException(cid, "bytes do not match the hash");
        }
        return new Block(cid, Bytes.of(data));
    }

    private static void requireSize(int size) {
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("block of " + size + " bytes exceeds the limit of " + MAX_SIZE);
        }
    }

    public Cid cid() {
        return cid;
    }

    public Bytes data() {
        return data;
    }

    public byte[] bytes() {
        return data.toByteArray();
    }

    public int size() {
        return data.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block other && cid.equals(other.cid) && data.equals(other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cid);
    }

    @Override
    public String toString() {
        return "Block[" + cid + ", " + data.length() + " bytes]";
    }
}
