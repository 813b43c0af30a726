package io.solcial.net.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * ChaCha20-Poly1305 (RFC 8439) for one key, with Noise's nonces: the 96-bit nonce is four zero
 * bytes and the 64-bit counter {@code n}, little-endian (Noise spec §12.3). Input and output may
 * be the same range of one array or disjoint ranges.
 *
 * <p>{@link #forKey} picks the fastest implementation for the running JVM: the JDK's cipher from
 * JDK 21 on (ChaCha20 and Poly1305 intrinsics, ~3.3 GB/s per core here); before that,
 * BoringSSL's through Conscrypt where its native library loads (~2.2 GB/s per core on JDK 17
 * here), else our own {@link ChaCha20Poly1305} (~0.8 GB/s; JDK 17's own cipher has no
 * intrinsics and does ~0.35). All of them pass the same tests.
 */
interface ChaChaPoly {
    /** The first JDK release whose ChaCha20-Poly1305 has intrinsics on x86-64 and AArch64. */
    int JDK_INTRINSICS_FEATURE = 21;

    /** Encrypts {@code length} bytes and appends the 16-byte tag; returns {@code length + 16}. */
    int seal(long n, byte[] ad, byte[] in, int inOffset, int length, byte[] out, int outOffset)
            throws GeneralSecurityException;

    /**
     * Authenticates and decrypts {@code length} bytes of ciphertext and tag; returns the plaintext
     * length. Throws {@link javax.crypto.AEADBadTagException} when the tag is wrong.
     */
    int open(long n, byte[] ad, byte[] in, int inOffset, int length, byte[] out, int outOffset)
            throws GeneralSecurityException;

    /**
     * Encrypts {@code in}'s remaining bytes into {@code out} at its position (the same memory or
     * disjoint) followed by the tag; advances both buffers; returns the bytes written.
     */
    default int seal(long n, byte[] ad, ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        byte[] plain = new byte[in.remaining()];
        in.get(plain);
        byte[] sealed = new byte[plain.length + ChaCha20Poly1305.TAG_LENGTH];
        int written = seal(n, ad, plain, 0, plain.length, sealed, 0);
        out.put(sealed, 0, written);
        return written;
    }

    /**
     * Authenticates and decrypts {@code in}'s remaining bytes (ciphertext and tag) into {@code out}
     * at its position; advances both; returns the plaintext length. Nothing is written to
     * {@code out} when the tag is wrong ({@link javax.crypto.AEADBadTagException}).
     */
    default int open(long n, byte[] ad, ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        byte[] plain = new byte[Math.max(0, sealed.length - ChaCha20Poly1305.TAG_LENGTH)];
        int written = open(n, ad, sealed, 0, sealed.length, plain, 0);
        out.put(plain, 0, written);
        return written;
    }

    /** Whether direct buffers avoid copies here (native code that reads their memory in place). */
    default boolean prefersDirectBuffers() {
        return false;
    }

    /** Wipes what key material this object can reach. */
    void destroy();

    static ChaChaPoly forKey(byte[] key) {
        if (Runtime.version().feature() >= JDK_INTRINSICS_FEATURE) {
            return new JcaChaChaPoly(JcaChaChaPoly.Engine.JDK, key);
        }
        if (JcaChaChaPoly.Engine.CONSCRYPT.available()) {
            return new JcaChaChaPoly(JcaChaChaPoly.Engine.CONSCRYPT, key);
        }
        return new ChaCha20Poly1305(key);
    }
}
