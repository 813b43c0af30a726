package io.solcial.net.noise;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.util.function.Function;

/**
 * One-core speed of the transport cipher, for the network benchmark: seal and open of full-size
 * Noise messages (65519 plaintext bytes) in this thread, timed by its CPU time so other load on
 * the machine does not count. Test scope: the implementations themselves are package-private.
 */
public final class CipherSpeed {
    /** Our ChaCha20-Poly1305 ({@link ChaCha20Poly1305}). */
    public static final String OWN = "own";
    /** The JDK's cipher ({@link JcaChaChaPoly.Engine#JDK}). */
    public static final String JDK = "jdk";
    /** BoringSSL's, through Conscrypt ({@link JcaChaChaPoly.Engine#CONSCRYPT}). */
    public static final String CONSCRYPT = "conscrypt";

    /** Seal and open rates in MB/s (10^6 bytes of plaintext per CPU second). */
    public record Rates(double seal, double open) {
    }

    private CipherSpeed() {
    }

    /** Whether {@code implementation} works on this platform (Conscrypt needs its native library). */
    public static boolean available(String implementation) {
        return !CONSCRYPT.equals(implementation) || JcaChaChaPoly.Engine.CONSCRYPT.available();
    }

    /** Which implementation {@code NoiseCipherState} uses on this JVM. */
    public static String inUse() {
        ChaChaPoly used = ChaChaPoly.forKey(new byte[32]);
        return used instanceof ChaCha20Poly1305 ? OWN : used.toString();
    }

    public static Rates measure(String implementation, int messages) throws GeneralSecurityException {
        Function<byte[], ChaChaPoly> factory = OWN.equals(implementation) ? ChaCha20Poly1305::new
                : k -> new JcaChaChaPoly(CONSCRYPT.equals(implementation) ? JcaChaChaPoly.Engine.CONSCRYPT : JcaChaChaPoly.Engine.JDK, k);
        ChaChaPoly cipher = factory.apply(new byte[32]);
        int n = NoiseConstants.MAX_PLAINTEXT_LENGTH;
        byte[] buf = new byte[NoiseConstants.MAX_MESSAGE_LENGTH];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sealNanos = 0;
        long openNanos = 0;
        for (int i = 0; i < messages; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            cipher.seal(i, null, buf, 0, n, buf, 0);
            long t1 = threads.getCurrentThreadCpuTime();
            cipher.open(i, null, buf, 0, n + NoiseConstants.TAG_LENGTH, buf, 0);
            openNanos += threads.getCurrentThreadCpuTime() - t1;
            sealNanos += t1 - t0;
        }
        double bytes = (double) n * messages;
        return new Rates(bytes * 1e3 / sealNanos, bytes * 1e3 / openNanos);
    }
}
