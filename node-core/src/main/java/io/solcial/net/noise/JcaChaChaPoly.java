package io.solcial.net.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChaChaPoly} on a JCA cipher, re-initialised per message with the next nonce (0.6-1.5 µs,
 * under 1% of a 64 KiB message): the JDK's own ({@link Engine#JDK}, the fast choice from JDK 21
 * on, where it has intrinsics) or BoringSSL's through Conscrypt ({@link Engine#CONSCRYPT},
 * native code with SIMD, for older JDKs on the platforms Conscrypt ships a library for). The key
 * is handed to the cipher on every message and only our copy can be wiped.
 */
final class JcaChaChaPoly implements ChaChaPoly {
    private static final Logger LOG = LoggerFactory.getLogger(JcaChaChaPoly.class);

    /** Where the cipher comes from. */
    enum Engine {
        JDK("ChaCha20-Poly1305") {
            @Override
            Cipher newCipher() throws NoSuchAlgorithmException, NoSuchPaddingException {
                return Cipher.getInstance(transformation);
            }
        },
        CONSCRYPT("ChaCha20/Poly1305/NoPadding") {
            @Override
            Cipher newCipher() throws NoSuchAlgorithmException, NoSuchPaddingException {
                return Cipher.getInstance(transformation, ConscryptHolder.PROVIDER.orElseThrow(() ->
                        new NoSuchAlgorithmException("Conscrypt is not available on this platform")));
            }
        };

        final String transformation;
        /*
         * The cipher objects (~1-2 KiB each) are per thread, not per connection, since every
         * message re-initialises one anyway. Two per thread, one per mode: the JDK refuses to
         * initialise a cipher with the key and nonce it was last initialised with, which would
         * happen if both ends of a connection in one thread shared one object.
         */
        private final ThreadLocal<Cipher> encryptors = ThreadLocal.withInitial(this::cipher);
        private final ThreadLocal<Cipher> decryptors = ThreadLocal.withInitial(this::cipher);

        Engine(String transformation) {
            this.transformation = transformation;
        }

        abstract Cipher newCipher() throws NoSuchAlgorithmException, NoSuchPaddingException;

        private Cipher cipher() {
            try {
                return newCipher();
            } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
                throw new IllegalStateException(transformation + " is unavailable: " + e.getMessage(), e);
            }
        }

        /** Whether this engine works here (Conscrypt needs its native library for this platform). */
        boolean available() {
            return this == JDK || ConscryptHolder.PROVIDER.isPresent();
        }
    }

    /** Loads Conscrypt (and its native library) once, on first use; empty where it cannot load. */
    private static final class ConscryptHolder {
        static final Optional<Provider> PROVIDER = load();

        private static Optional<Provider> load() {
            try {
                if (org.conscrypt.Conscrypt.isAvailable()) {
                    return Optional.of(org.conscrypt.Conscrypt.newProvider());
                }
                LOG.debug("Conscrypt has no native library for this platform");
            } catch (LinkageError | RuntimeException e) {
                LOG.debug("Conscrypt could not load: {}", e.toString());
            }
            return Optional.empty();
        }
    }

    private final Engine engine;
    private final RawKey key;
    private final byte[] nonce = new byte[12];

    JcaChaChaPoly(Engine engine, byte[] key) {
        this.engine = engine;
        this.key = new RawKey(key);
    }

    @Override
    public int seal(long n, byte[] ad, byte[] in, int inOffset, int length, byte[] out, int outOffset)
            throws GeneralSecurityException {
        return crypt(engine.encryptors.get(), Cipher.ENCRYPT_MODE, n, ad, in, inOffset, length, out, outOffset,
                length + ChaCha20Poly1305.TAG_LENGTH);
    }

    @Override
    public int open(long n, byte[] ad, byte[] in, int inOffset, int length, byte[] out, int outOffset)
            throws GeneralSecurityException {
        if (length < ChaCha20Poly1305.TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext of " + length + " bytes is shorter than its tag");
        }
        return crypt(engine.decryptors.get(), Cipher.DECRYPT_MODE, n, ad, in, inOffset, length, out, outOffset, length);
    }

    @Override
    public int seal(long n, byte[] ad, ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        if (!nativeInPlace(in, out)) {
            return ChaChaPoly.super.seal(n, ad, in, out);
        }
        return init(engine.encryptors.get(), Cipher.ENCRYPT_MODE, n, ad).doFinal(in, out);
    }

    @Override
    public int open(long n, byte[] ad, ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        if (in.remaining() < ChaCha20Poly1305.TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext of " + in.remaining() + " bytes is shorter than its tag");
        }
        if (!nativeInPlace(in, out)) {
            return ChaChaPoly.super.open(n, ad, in, out);
        }
        return init(engine.decryptors.get(), Cipher.DECRYPT_MODE, n, ad).doFinal(in, out);
    }

    /** Conscrypt reads and writes direct buffers where they are, without JNI copies. */
    @Override
    public boolean prefersDirectBuffers() {
        return engine == Engine.CONSCRYPT;
    }

    private boolean nativeInPlace(ByteBuffer in, ByteBuffer out) {
        return engine == Engine.CONSCRYPT && in.isDirect() && out.isDirect();
    }

    /**
     * One message. Conscrypt hands byte arrays to native code through JNI, which copies the whole
     * array in and out; Netty's pooled heap buffers are slices of much larger arrays. So for
     * Conscrypt a message in an array more than twice its size goes through a per-thread scratch
     * array of about its own size (two small copies instead of two of the whole array).
     */
    private int crypt(Cipher cipher, int mode, long n, byte[] ad, byte[] in, int inOffset, int length, byte[] out,
            int outOffset, int room) throws GeneralSecurityException {
        init(cipher, mode, n, ad);
        if (engine != Engine.CONSCRYPT || (in.length <= 2 * room && out.length <= 2 * room)) {
            return cipher.doFinal(in, inOffset, length, out, outOffset);
        }
        byte[] scratch = Scratch.forSize(room);
        System.arraycopy(in, inOffset, scratch, 0, length);
        int written = cipher.doFinal(scratch, 0, length, scratch, 0);
        System.arraycopy(scratch, 0, out, outOffset, written);
        return written;
    }

    /** Per-thread scratch arrays in power-of-two sizes, the smallest fitting one handed out. */
    private static final class Scratch {
        private static final int MIN_SHIFT = 8;
        private static final ThreadLocal<byte[][]> ARRAYS = ThreadLocal.withInitial(() -> new byte[32][]);

        static byte[] forSize(int size) {
            int shift = Math.max(MIN_SHIFT, 32 - Integer.numberOfLeadingZeros(size - 1));
            byte[][] arrays = ARRAYS.get();
            byte[] a = arrays[shift];
            if (a == null) {
                a = new byte[1 << shift];
                arrays[shift] = a;
            }
            return a;
        }
    }

    private Cipher init(Cipher cipher, int mode, long n, byte[] ad) throws InvalidKeyException, InvalidAlgorithmParameterException {
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

    @Override
    public void destroy() {
        key.destroy();
    }

    /** The engine's name, as the benchmark prints it: {@code jdk} or {@code conscrypt}. */
    @Override
    public String toString() {
        return engine.name().toLowerCase(java.util.Locale.ROOT);
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
