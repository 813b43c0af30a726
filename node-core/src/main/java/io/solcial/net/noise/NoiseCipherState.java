package io.solcial.net.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * A Noise {@code CipherState} for ChaChaPoly (Noise spec rev. 34, §5.1 and §12.3): a 32-byte key
 * {@code k} (or none) and a 64-bit nonce {@code n}. Each message is ChaCha20-Poly1305 (RFC 8439)
 * with the 96-bit nonce {@code 0x00000000 || n as 64-bit little-endian}; {@code n} goes up by one
 * per successful call. The nonce value 2^64-1 is reserved: once {@code n} reaches it, every call
 * fails with {@link IllegalStateException}. A message that fails authentication leaves {@code n}
 * unchanged. Without a key, both operations copy the plaintext unchanged (used during the
 * handshake only).
 *
 * <p>The cipher is {@link ChaChaPoly#forKey}: the JDK's where it has intrinsics (JDK 21 on), else
 * BoringSSL's through Conscrypt, else our own ChaCha20-Poly1305. One instance is used by one
 * thread at a time.
 */
public final class NoiseCipherState {
    /** The reserved nonce value 2^64-1 (unsigned). */
    static final long MAX_NONCE = -1L;
    /** Key length of ChaChaPoly. */
    public static final int KEY_LENGTH = 32;

    private final ChaChaPoly cipher;
    private long n;

    /** A cipher state without a key ({@code InitializeKey(empty)}). */
    NoiseCipherState() {
        this.cipher = null;
    }

    /** A cipher state with key {@code k} (copied) and {@code n = 0}. */
    NoiseCipherState(byte[] k) {
        this(checkKey(k), ChaChaPoly.forKey(k));
    }

    /** A cipher state with the given cipher (tests compare the implementations). */
    NoiseCipherState(byte[] k, ChaChaPoly cipher) {
        checkKey(k);
        this.cipher = cipher;
    }

    private static byte[] checkKey(byte[] k) {
        if (k.length != KEY_LENGTH) {
            throw new IllegalArgumentException("ChaChaPoly key must be 32 bytes, got " + k.length);
        }
        return k;
    }

    public boolean hasKey() {
        return cipher != null;
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
        if (cipher == null) {
            System.arraycopy(in, inOffset, out, outOffset, length);
            return length;
        }
        checkNonce();
        int written = cipher.seal(n, ad, in, inOffset, length, out, outOffset);
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
        if (cipher == null) {
            System.arraycopy(in, inOffset, out, outOffset, length);
            return length;
        }
        checkNonce();
        int written = cipher.open(n, ad, in, inOffset, length, out, outOffset);
        n++;
        return written;
    }

    /** {@code EncryptWithAd} on buffers: {@code in}'s remaining bytes into {@code out} at its position (a key is required). */
    public int encryptWithAd(byte[] ad, ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        checkNonce();
        int written = keyed().seal(n, ad, in, out);
        n++;
        return written;
    }

    /** {@code DecryptWithAd} on buffers (a key is required); {@code n} is unchanged when authentication fails. */
    public int decryptWithAd(byte[] ad, ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        checkNonce();
        int written = keyed().open(n, ad, in, out);
        n++;
        return written;
    }

    /** Whether the cipher works best on direct buffers (the transport then allocates those). */
    public boolean prefersDirectBuffers() {
        return cipher != null && cipher.prefersDirectBuffers();
    }

    private ChaChaPoly keyed() {
        if (cipher == null) {
            throw new IllegalStateException("no key");
        }
        return cipher;
    }

    private void checkNonce() {
        if (n == MAX_NONCE) {
            throw new IllegalStateException("noise nonce exhausted");
        }
    }

    /** Wipes the key (what of it the cipher implementation can reach). */
    public void destroy() {
        if (cipher != null) {
            cipher.destroy();
        }
    }
}
