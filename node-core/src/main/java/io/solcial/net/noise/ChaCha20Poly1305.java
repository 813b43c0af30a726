package io.solcial.net.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * The ChaCha20-Poly1305 AEAD (RFC 8439 §2.8) over {@link ChaCha20} and {@link Poly1305}, for one
 * 256-bit key. The nonce is given per call as three little-endian words (nonce bytes 0-3, 4-7,
 * 8-11). Input and output may be the same range of one array (in-place) or disjoint ranges. The
 * key is held as eight ints and {@link #destroy()} wipes them. Thread-safe until destroyed (no
 * mutable state besides the key).
 */
final class ChaCha20Poly1305 implements ChaChaPoly {
    static final int TAG_LENGTH = Poly1305.TAG_LENGTH;
    private static final byte[] NO_AD = new byte[0];
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] key;

    ChaCha20Poly1305(byte[] key) {
        this.key = ChaCha20.keyWords(key);
    }

    @Override
    public int seal(long n, byte[] ad, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        return seal(0, (int) n, (int) (n >>> 32), ad, in, inOffset, length, out, outOffset);
    }

    @Override
    public int open(long n, byte[] ad, byte[] in, int inOffset, int length, byte[] out, int outOffset)
            throws AEADBadTagException {
        return open(0, (int) n, (int) (n >>> 32), ad, in, inOffset, length, out, outOffset);
    }

    /** Encrypts {@code length} bytes and appends the tag; returns {@code length + 16}. */
    int seal(int n0, int n1, int n2, byte[] ad, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        Poly1305 mac = start(n0, n1, n2, ad);
        ChaCha20.xor(key, 1, n0, n1, n2, in, inOffset, out, outOffset, length);
        finish(mac, ad, out, outOffset, length, out, outOffset + length);
        return length + TAG_LENGTH;
    }

    /**
     * Checks the tag of {@code length} bytes of ciphertext-and-tag, then decrypts; returns the
     * plaintext length. On a wrong tag nothing is written and {@link AEADBadTagException} is thrown.
     */
    int open(int n0, int n1, int n2, byte[] ad, byte[] in, int inOffset, int length, byte[] out, int outOffset)
            throws AEADBadTagException {
        int n = length - TAG_LENGTH;
        if (n < 0) {
            throw new AEADBadTagException("ciphertext of " + length + " bytes is shorter than its tag");
        }
        Poly1305 mac = start(n0, n1, n2, ad);
        byte[] expected = new byte[TAG_LENGTH];
        finish(mac, ad, in, inOffset, n, expected, 0);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(in, inOffset + n, inOffset + length))) {
            throw new AEADBadTagException("tag mismatch");
        }
        ChaCha20.xor(key, 1, n0, n1, n2, in, inOffset, out, outOffset, n);
        return n;
    }

    /** Wipes the key; the instance must not be used afterwards. */
    @Override
    public void destroy() {
        Arrays.fill(key, 0);
    }

    private Poly1305 start(int n0, int n1, int n2, byte[] ad) {
        int[] block = new int[16];
        ChaCha20.block(key, 0, n0, n1, n2, block);
        Poly1305 mac = new Poly1305(block);
        Arrays.fill(block, 0);
        byte[] a = ad == null ? NO_AD : ad;
        mac.update(a, 0, a.length);
        mac.padToBlock();
        return mac;
    }

    private static void finish(Poly1305 mac, byte[] ad, byte[] ciphertext, int offset, int length, byte[] tag, int tagOffset) {
        mac.update(ciphertext, offset, length);
        mac.padToBlock();
        byte[] lengths = new byte[16];
        LE_LONG.set(lengths, 0, ad == null ? 0L : ad.length);
        LE_LONG.set(lengths, 8, (long) length);
        mac.update(lengths, 0, 16);
        mac.finish(tag, tagOffset);
    }
}
