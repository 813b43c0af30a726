package io.solcial.net.noise;

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
        return init(engine.encryptors.get(), Cipher.ENCRYPT_MODE, n, ad).doFinal(in, inOffset, length, out, outOffset);
    }

    @Override
    public int open(long n, byte[] ad, byte[] in, int inOffset, int length, byte[] out, int outOffset)
            throws GeneralSecurityException {
        if (length < ChaCha20Poly1305.TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext of " + length + " bytes is shorter than its tag");
        }
        return init(engine.decryptors.get(), Cipher.DECRYPT_MODE, n, ad).doFinal(in, inOffset, length, out, outOffset);
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
