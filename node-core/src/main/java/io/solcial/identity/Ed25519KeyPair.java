package io.solcial.identity;

import io.solcial.multiformats.Bytes;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair held as its 32-byte seed (the RFC 8032 private key). The seed never appears
 * in {@link #toString()}; callers that must persist it use {@link #seed()} and wipe the copy.
 */
public final class Ed25519KeyPair {
    public static final int SEED_LENGTH = 32;

    private final byte[] seed;
    private final Ed25519PublicKey publicKey;

    private Ed25519KeyPair(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, got " + seed.length);
        }
        this.seed = seed.clone();
        byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(this.seed, 0, pub, 0);
        this.publicKey = Ed25519PublicKey.of(pub);
    }

    public static Ed25519KeyPair fromSeed(byte[] seed) {
        return new Ed25519KeyPair(seed);
    }

    public static Ed25519KeyPair generate(SecureRandom random) {
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        try {
            return new Ed25519KeyPair(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    public static Ed25519KeyPair generate() {
        return generate(new SecureRandom());
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    public PeerId peerId() {
        return publicKey.peerId();
    }

    /** A copy of the 32-byte secret seed. Wipe it when done. */
    public byte[] seed() {
        return seed.clone();
    }

    /** The 64-byte Solana/NaCl secret key: seed || public key. Wipe it when done. */
    public byte[] secretKey64() {
        byte[] out = new byte[64];
        System.arraycopy(seed, 0, out, 0, 32);
        System.arraycopy(publicKey.toByteArray(), 0, out, 32, 32);
        return out;
    }

    /** RFC 8032 Ed25519 signature (64 bytes). */
    public byte[] sign(byte[] message) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    public Bytes signBytes(byte[] message) {
        return Bytes.of(sign(message));
    }

    /** Same key pair: compares public keys (the seed is determined by nothing else we expose). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519KeyPair other && publicKey.equals(other.publicKey)
                && java.security.MessageDigest.isEqual(seed, other.seed);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[" + publicKey.address() + "]";
    }
}
