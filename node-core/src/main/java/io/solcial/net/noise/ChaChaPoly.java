package io.solcial.net.noise;

import java.security.GeneralSecurityException;

/**
 * ChaCha20-Poly1305 (RFC 8439) for one key, with Noise's nonces: the 96-bit nonce is four zero
 * bytes and the 64-bit counter {@code n}, little-endian (Noise spec §12.3). Input and output may
 * be the same range of one array or disjoint ranges.
 *
 * <p>{@link #forKey} picks the faster implementation for the running JVM: the JDK's cipher from
 * JDK 21 on (ChaCha20 and Poly1305 intrinsics, ~2.8 GB/s per core here), our
 * {@link ChaCha20Poly1305} before (JDK 17 has no intrinsics; ours is ~2.2 times the JDK's there).
 * Both pass the same tests.
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

    /** Wipes what key material this object can reach. */
    void destroy();

    static ChaChaPoly forKey(byte[] key) {
        return Runtime.version().feature() >= JDK_INTRINSICS_FEATURE ? new JdkChaChaPoly(key) : new ChaCha20Poly1305(key);
    }
}
