package io.solcial.bench;

import io.solcial.identity.Ed25519KeyPair;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ed25519 sign and verify: BouncyCastle's RFC 8032 code (what the node uses) against the JDK's
 * own {@code Ed25519} provider, on a 300-byte message (the size of a typical log entry).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class Ed25519Benchmark {
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private Ed25519KeyPair keyPair;
    private byte[] message;
    private byte[] signature;
    private Signature jdkVerifier;
    private Signature jdkSigner;

    @Setup
    public void setup() throws Exception {
        Random random = new Random(42);
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        keyPair = Ed25519KeyPair.fromSeed(seed);
        message = new byte[300];
        random.nextBytes(message);
        signature = keyPair.sign(message);

        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, keyPair.publicKey().toByteArray())));
        PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
        jdkVerifier = Signature.getInstance("Ed25519");
        jdkVerifier.initVerify(pub);
        jdkSigner = Signature.getInstance("Ed25519");
        jdkSigner.initSign(priv);
        jdkSigner.update(message);
        if (!java.util.Arrays.equals(jdkSigner.sign(), signature)) {
            throw new IllegalStateException("JDK and BouncyCastle signatures differ");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Benchmark
    public boolean verifyBouncyCastle() {
        return keyPair.publicKey().verify(message, signature);
    }

    @Benchmark
    public boolean verifyJdk() throws Exception {
        jdkVerifier.update(message);
        return jdkVerifier.verify(signature);
    }

    @Benchmark
    public byte[] signBouncyCastle() {
        return keyPair.sign(message);
    }

    @Benchmark
    public byte[] signJdk() throws Exception {
        jdkSigner.update(message);
        return jdkSigner.sign();
    }
}
