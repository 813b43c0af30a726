package io.solcial.net.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Noise {@code SymmetricState} with SHA-256 (Noise spec rev. 34, §5.2 and §4.3): the chaining
 * key {@code ck}, the handshake hash {@code h} and a {@link NoiseCipherState}. HKDF is the
 * spec's: {@code temp = HMAC(ck, ikm); out1 = HMAC(temp, 0x01); out2 = HMAC(temp, out1 || 0x02)}
 * with HMAC-SHA256. Not thread-safe; used only during a handshake.
 */
final class NoiseSymmetricState {
    static final int HASH_LENGTH = 32;

    private final MessageDigest sha256;
    private final Mac hmac;
    private final byte[] ck = new byte[HASH_LENGTH];
    private final byte[] h = new byte[HASH_LENGTH];
    private NoiseCipherState cipher = new NoiseCipherState();

    /** {@code InitializeSymmetric(protocolName)}. */
    NoiseSymmetricState(String protocolName) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
            hmac = Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        if (name.length <= HASH_LENGTH) {
            System.arraycopy(name, 0, h, 0, name.length); // zero-padded to HASHLEN
        } else {
            sha256.update(name);
            System.arraycopy(sha256.digest(), 0, h, 0, HASH_LENGTH);
        }
        System.arraycopy(h, 0, ck, 0, HASH_LENGTH);
    }

    /** {@code MixHash(data)}: {@code h = SHA256(h || data)}. */
    void mixHash(byte[] data, int offset, int length) {
        sha256.update(h);
        sha256.update(data, offset, length);
        try {
            sha256.digest(h, 0, HASH_LENGTH);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    void mixHash(byte[] data) {
        mixHash(data, 0, data.length);
    }

    /** {@code MixKey(ikm)}: {@code ck, k = HKDF(ck, ikm, 2)}; the cipher gets key {@code k}, nonce 0. */
    void mixKey(byte[] ikm) {
        byte[][] out = hkdf2(ikm);
        System.arraycopy(out[0], 0, ck, 0, HASH_LENGTH);
        cipher.destroy();
        cipher = new NoiseCipherState(out[1]);
        wipe(out);
    }

    boolean hasKey() {
        return cipher.hasKey();
    }

    /**
     * {@code EncryptAndHash(plaintext)}: writes the ciphertext (with tag once there is a key) to
     * {@code out} at {@code outOffset}, mixes it into {@code h} and returns its length.
     */
    int encryptAndHash(byte[] plaintext, byte[] out, int outOffset) throws GeneralSecurityException {
        int n = cipher.encryptWithAd(h, plaintext, 0, out, outOffset, plaintext.length);
        mixHash(out, outOffset, n);
        return n;
    }

    /** {@code DecryptAndHash(ciphertext)}: returns the plaintext; fails on a bad tag. */
    byte[] decryptAndHash(byte[] message, int offset, int length) throws GeneralSecurityException {
        byte[] ciphertext = Arrays.copyOfRange(message, offset, offset + length);
        byte[] plain = new byte[length];
        int n = cipher.decryptWithAd(h, ciphertext, 0, plain, 0, length);
        mixHash(ciphertext, 0, length);
        return n == length ? plain : Arrays.copyOf(plain, n);
    }

    /** {@code Split()}: two cipher states, the first for initiator→responder. */
    NoiseCipherState[] split() {
        byte[][] out = hkdf2(new byte[0]);
        NoiseCipherState[] pair = {new NoiseCipherState(out[0]), new NoiseCipherState(out[1])};
        wipe(out);
        return pair;
    }

    byte[] handshakeHash() {
        return h.clone();
    }

    /** The spec's HKDF with two outputs. */
    private byte[][] hkdf2(byte[] ikm) {
        byte[] temp = hmac(ck, ikm, null);
        byte[] out1 = hmac(temp, new byte[] {1}, null);
        byte[] out2 = hmac(temp, out1, (byte) 2);
        Arrays.fill(temp, (byte) 0);
        return new byte[][] {out1, out2};
    }

    private byte[] hmac(byte[] key, byte[] data, Byte suffix) {
        try {
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        hmac.update(data);
        if (suffix != null) {
            hmac.update(suffix);
        }
        return hmac.doFinal();
    }

    private static void wipe(byte[][] arrays) {
        for (byte[] a : arrays) {
            Arrays.fill(a, (byte) 0);
        }
    }

    void destroy() {
        Arrays.fill(ck, (byte) 0); // h is kept: it is the public channel-binding value, not a secret
        cipher.destroy();
        hmac.reset();
    }
}
