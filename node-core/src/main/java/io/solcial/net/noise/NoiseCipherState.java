package io.solcial.net.noise;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * A Noise {@code CipherState} for ChaChaPoly (Noise spec rev. 34, §5.1 and §12.3): a 32-byte key
 * {@code k} (or none) and a 64-bit nonce {@code n}. Each message is ChaCha20-Poly1305 (RFC 8439)
 * with the 96-bit nonce {@code 0x00000000 || n as 64-bit little-endian}; {@code n} goes up by one
 * per successful call. The nonce value 2^64-1 is reserved: once {@code n} reaches it, every call
 * fails with {@link IllegalStateException}. A message that fails authentication leaves {@code n}
 * unchanged. Without a key, both operations copy the plaintext unchanged (used during the
 * handshake only).
 *
 * <p>The cipher is the JDK's {@code ChaCha20-Poly1305}, re-initialised per message with the next
 * nonce (it measured faster here than BouncyCastle's lightweight implementation on JDK 17, and
 * the JDK has ChaCha20 intrinsics from JDK 20 on). One instance is used by one thread at a time;
 * the key is handed to the JDK cipher on every message and only our copy can be wiped.
 */
public final class NoiseCipherState {
    /** The reserved nonce value 2^64-1 (unsigned). */
    static final long MAX_NONCE = -1L;
    /** Key length of ChaChaPoly. */
    public static final int KEY_LENGTH = 32;

    /*
     * The JDK cipher objects (~1-2 KiB each) are per thread, not per connection, since every
     * message re-initialises one anyway. Two per thread, one per mode: the JDK refuses to
     * initialise a cipher with the key and nonce it was last initialised with, which would
     * happen if both ends of a connection in one thread shared one object.
     */
    private static final ThreadLocal<Cipher> ENCRYPTORS = ThreadLocal.withInitial(NoiseCipherState::newCipher);
    private static final ThreadLocal<Cipher> DECRYPTORS = ThreadLocal.withInitial(NoiseCipherState::newCipher);

    private final RawKey key;
    private final byte[] nonce = new byte[12];
    private long n;

    /** A cipher state without a key ({@code InitializeKey(empty)}). */
    NoiseCipherState() {
        this.key = null;
    }

    /** A cipher state with key {@code k} (copied) and {@code n = 0}. */
    NoiseCipherState(byte[] k) {
        if (k.length != KEY_LENGTH) {
            throw new IllegalArgumentException("ChaChaPoly key must be 32 bytes, got " + k.length);
        }
        this.key = new RawKey(k);
    }

    public boolean hasKey() {
        return key != null;
    }

    /** The next nonce (the number of messages processed so far). */
    public long nonce() {
        return n;
    }

    /** Test hook ({@code SetNonce}). */
    void setNonce(long nonce) {
        this.n = nonce;
    }

    /**
     * {@code EncryptWithAd(ad, plaintext)}: encrypts {@code length} bytes of {@code in} into
     * {@code out} (which may be the same array and offset) followed by the 16-byte tag; returns
     * the bytes written ({@code length + 16}, or {@code length} without a key).
     */
    public int encryptWithAd(byte[] ad, byte[] in, int inOffset, byte[] out, int outOffset, int length)
            throws GeneralSecurityException {
        if (key == null) {
            System.arraycopy(in, inOffset, out, outOffset, length);
            return length;
        }
        Cipher cipher = init(ENCRYPTORS.get(), Cipher.ENCRYPT_MODE, ad);
        int written = cipher.doFinal(in, inOffset, length, out, outOffset);
        n++;
        return written;
    }

    /**
     * {@code DecryptWithAd(ad, ciphertext)}: decrypts {@code length} bytes of {@code in}
     * (ciphertext and tag) into {@code out} (which may be the same array and offset); returns
     * the plaintext length. Throws {@link javax.crypto.AEADBadTagException} when authentication
     * fails (then {@code n} is unchanged).
     */
    public int decryptWithAd(byte[] ad, byte[] in, int inOffset, byte[] out, int outOffset, int length)
            throws GeneralSecurityException {
        if (key == null) {
            System.arraycopy(in, inOffset, out, outOffset, length);
            return length;
        }
        if (length < NoiseConstants.TAG_LENGTH) {
            throw new javax.crypto.AEADBadTagException("ciphertext of " + length + " bytes is shorter than its tag");
        }
        Cipher cipher = init(DECRYPTORS.get(), Cipher.DECRYPT_MODE, ad);
        int written = cipher.doFinal(in, inOffset, length, out, outOffset);
        n++;
        return written;
    }

    private Cipher init(Cipher cipher, int mode, byte[] ad) throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (n == MAX_NONCE) {
            throw new IllegalStateException("noise nonce exhausted");
        }
        long v = n;
        for (int i = 4; i < 12; i++) {
            nonce[i] = (byte) v;
            v >>>= 8;
        }
        cipher.init(mode, key, new IvParameterSpec(nonce));
        if (ad != null && ad.length > 0) {
            cipher.updateAAD(ad);
        }
        return cipher;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("ChaCha20-Poly1305");
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is unavailable in this JDK", e);
        }
    }

    /** Wipes the key (our copy; the JDK cipher's internal copy cannot be reached). */
    public void destroy() {
        if (key != null) {
            key.destroy();
        }
    }

    /**
     * A ChaCha20 key whose bytes we can wipe ({@code SecretKeySpec} cannot be destroyed on JDK 17).
     * {@link #getEncoded()} returns a copy, as the {@code Key} contract asks.
     */
    private static final class RawKey implements SecretKey {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private volatile boolean destroyed;

        RawKey(byte[] k) {
            this.bytes = k.clone();
        }

        @Override
        public String getAlgorithm() {
            return "ChaCha20";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            if (destroyed) {
                throw new IllegalStateException("key destroyed");
            }
            return bytes.clone();
        }

        @Override
        public void destroy() {
            destroyed = true;
            Arrays.fill(bytes, (byte) 0);
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }
    }
}
