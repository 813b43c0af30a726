package io.solcial.multiformats;

import java.io.ByteArrayOutputStream;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A self-describing hash: {@code uvarint(code) uvarint(length) digest}. Supports sha2-256 and
 * identity; other codes are rejected when decoding.
 */
public record Multihash(int code, Bytes digest) {
    /** An identity multihash may hold at most this many bytes (libp2p's limit for inlined keys). */
    public static final int MAX_IDENTITY_LENGTH = 128;

    /**
     * One SHA-256 instance per thread, with a buffer for its output: looking one up per call costs
     * a provider search and a few allocations, on every message a node receives. {@code digest}
     * resets it for the next call.
     */
    private static final ThreadLocal<Sha256> SHA256 = ThreadLocal.withInitial(Sha256::new);

    private static final class Sha256 {
        final MessageDigest digest;
        final byte[] out = new byte[32];

        Sha256() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by the Java platform", e);
            }
        }
    }

    public Multihash {
        if (code == Multicodec.SHA2_256) {
            if (digest.length() != 32) {
                throw new InvalidMultiformatException("sha2-256 digest must be 32 bytes, got " + digest.length());
            }
        } else if (code == Multicodec.IDENTITY) {
            if (digest.length() > MAX_IDENTITY_LENGTH) {
                throw new InvalidMultiformatException("identity multihash longer than " + MAX_IDENTITY_LENGTH);
            }
        } else {
            throw new InvalidMultiformatException("unsupported multihash code " + Multicodec.name(code));
        }
    }

    public static Multihash sha256(byte[] data) {
        return new Multihash(Multicodec.SHA2_256, Bytes.wrap(sha256Digest(data)));
    }

    public static Multihash identity(byte[] data) {
        return new Multihash(Multicodec.IDENTITY, Bytes.of(data));
    }

    public static byte[] sha256Digest(byte[] data) {
        return SHA256.get().digest.digest(data);
    }

    /** The SHA-256 of {@code data}, read in place. */
    public static byte[] sha256Digest(Bytes data) {
        MessageDigest sha = SHA256.get().digest;
        data.updateDigest(sha);
        return sha.digest();
    }

    /**
     * Whether the SHA-256 of {@code data} is {@code digest}; allocates nothing (every GOSSIP a node
     * receives is checked against its id).
     */
    public static boolean sha256Matches(Bytes data, Bytes digest) {
        Sha256 sha = SHA256.get();
        data.updateDigest(sha.digest);
        try {
            sha.digest.digest(sha.out, 0, sha.out.length);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output buffer too small", e);
        }
        return digest.contentEquals(sha.out, sha.out.length);
    }

    /** True when {@code data} hashes to this multihash. */
    public boolean matches(byte[] data) {
        if (code == Multicodec.IDENTITY) {
            return digest.equals(Bytes.wrap(data));
        }
        return MessageDigest.isEqual(sha256Digest(data), digest.toByteArray());
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(digest.length() + 4);
        Varint.write(code, out);
        Varint.write(digest.length(), out);
        out.writeBytes(digest.toByteArray());
        return out.toByteArray();
    }

    /** Decodes a buffer that holds exactly one multihash. */
    public static Multihash decode(byte[] data) {
        ByteReader in = new ByteReader(data);
        Multihash mh = read(in);
        in.requireEnd("multihash");
        return mh;
    }

    /** Reads one multihash at the reader's position. */
    public static Multihash read(ByteReader in) {
        int code = Varint.readInt(in);
        int length = Varint.readInt(in);
        if (code != Multicodec.SHA2_256 && code != Multicodec.IDENTITY) {
            throw new InvalidMultiformatException("unsupported multihash code " + Multicodec.name(code));
        }
        return new Multihash(code, Bytes.wrap(in.readBytes(length)));
    }

    @Override
    public String toString() {
        return Base58.encode(toBytes());
    }
}
