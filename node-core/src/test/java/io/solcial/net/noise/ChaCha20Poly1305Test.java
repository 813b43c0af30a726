package io.solcial.net.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our ChaCha20, Poly1305 and ChaCha20-Poly1305 against the RFC 8439 test vectors, a BigInteger
 * Poly1305 (for the carry edge cases of RFC 8439 A.3) and the JDK's ciphers on random input of
 * every size class (one-block path, vectorised runs, and both mixed).
 */
class ChaCha20Poly1305Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SUNSCREEN = ("Ladies and Gentlemen of the class of '99: If I could offer you only one"
            + " tip for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger P = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));

    @Test
    void chaCha20MatchesRfc8439Section242() {
        byte[] key = sequence(0, 32);
        byte[] out = new byte[SUNSCREEN.length];
        ChaCha20.xor(ChaCha20.keyWords(key), 1, 0, 0x4a000000, 0, SUNSCREEN, 0, out, 0, SUNSCREEN.length);
        assertEquals("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b357"
                + "1639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab77937365af9"
                + "0bbf74a35be6b40b8eedf2785e42874d", HEX.formatHex(out));
    }

    @Test
    void poly1305MatchesRfc8439Section252() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] msg = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        assertEquals("a8061dc1305136c6c22b8baf0c0127a9", HEX.formatHex(mac(key, msg)));
        assertArrayEquals(reference(key, msg), mac(key, msg));
    }

    @Test
    void aeadMatchesRfc8439Section282() throws Exception {
        byte[] key = sequence(0x80, 32);
        byte[] ad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] out = new byte[SUNSCREEN.length + 16];
        ChaCha20Poly1305 aead = new ChaCha20Poly1305(key);
        assertEquals(out.length, aead.seal(7, 0x43424140, 0x47464544, ad, SUNSCREEN, 0, SUNSCREEN.length, out, 0));
        assertEquals("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4"
                + "def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691", HEX.formatHex(out));
        byte[] back = new byte[SUNSCREEN.length];
        assertEquals(SUNSCREEN.length, aead.open(7, 0x43424140, 0x47464544, ad, out, 0, out.length, back, 0));
        assertArrayEquals(SUNSCREEN, back);
    }

    /** The inputs of RFC 8439 A.3 #5-#11: values near 2^130-5 that exercise the final reductions. */
    @Test
    void poly1305HandlesTheCarryEdgeCases() {
        byte[] ff16 = filled(16, 0xff);
        byte[] zero16 = new byte[16];
        byte[] r2 = concat(one(16, 2), zero16);
        byte[] r1 = concat(one(16, 1), zero16);
        byte[] r2sff = concat(one(16, 2), ff16);
        byte[] r4 = concat(HEX.parseHex("01000000000000000400000000000000"), zero16);
        byte[][][] cases = {
            {r2, ff16},
            {r2sff, one(16, 2)},
            {r1, concat(ff16, concat(HEX.parseHex("f0ffffffffffffffffffffffffffffff"), HEX.parseHex("11000000000000000000000000000000")))},
            {r1, concat(ff16, concat(HEX.parseHex("fbfefefefefefefefefefefefefefefe"), filled(16, 0x01)))},
            {r2, HEX.parseHex("fdffffffffffffffffffffffffffffff")},
            {r4, HEX.parseHex("e33594d7505e43b900000000000000003394d7505e4379cd01000000000000000000000000000000"
                    + "0000000000000000" + "01000000000000000000000000000000")},
            {r4, HEX.parseHex("e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000")},
        };
        String[] rfcTags = {
            "03000000000000000000000000000000",
            "03000000000000000000000000000000",
            "05000000000000000000000000000000",
            "00000000000000000000000000000000",
            "faffffffffffffffffffffffffffffff",
            "14000000000000005500000000000000",
            "13000000000000000000000000000000",
        };
        for (int i = 0; i < cases.length; i++) {
            assertArrayEquals(reference(cases[i][0], cases[i][1]), mac(cases[i][0], cases[i][1]), "case " + i);
            assertEquals(rfcTags[i], HEX.formatHex(mac(cases[i][0], cases[i][1])), "case " + i);
        }
    }

    @Test
    void poly1305MatchesTheReferenceOnRandomAndExtremeInput() {
        Random random = new Random(7);
        for (int t = 0; t < 400; t++) {
            byte[] key = new byte[32];
            byte[] msg = new byte[random.nextInt(300)];
            if (t % 4 == 0) {
                Arrays.fill(key, (byte) 0xff);
                Arrays.fill(msg, (byte) 0xff);
            } else {
                random.nextBytes(key);
                random.nextBytes(msg);
            }
            assertArrayEquals(reference(key, msg), mac(key, msg), "case " + t);
            // The same bytes fed in uneven pieces.
            Poly1305 pieces = new Poly1305(ChaCha20.keyWords(key));
            for (int off = 0; off < msg.length; ) {
                int n = Math.min(msg.length - off, random.nextInt(40));
                pieces.update(msg, off, n);
                off += n;
            }
            byte[] tag = new byte[16];
            pieces.finish(tag, 0);
            assertArrayEquals(reference(key, msg), tag, "pieces " + t);
        }
    }

    @Test
    void chaCha20MatchesTheJdkForEverySizeClass() throws Exception {
        Random random = new Random(11);
        int[] lengths = {0, 1, 63, 64, 65, 31 * 64, 32 * 64 - 1, 32 * 64, 32 * 64 + 5, 256 * 64, 256 * 64 + 1,
            287 * 64 + 63, 288 * 64, 65519, 70000};
        for (int length : lengths) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            byte[] in = new byte[length];
            random.nextBytes(key);
            random.nextBytes(nonce);
            random.nextBytes(in);
            int counter = random.nextInt(1000);
            Cipher jdk = Cipher.getInstance("ChaCha20");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, counter));
            byte[] out = new byte[length + 3];
            ByteBuffer n = ByteBuffer.wrap(nonce).order(ByteOrder.LITTLE_ENDIAN);
            ChaCha20.xor(ChaCha20.keyWords(key), counter, n.getInt(0), n.getInt(4), n.getInt(8), in, 0, out, 3, length);
            assertArrayEquals(jdk.doFinal(in), Arrays.copyOfRange(out, 3, out.length), "length " + length);
        }
    }

    @Test
    void aeadMatchesTheJdkAndOpensInPlace() throws Exception {
        Random random = new Random(13);
        for (int t = 0; t < 300; t++) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            random.nextBytes(key);
            random.nextBytes(nonce);
            byte[] ad = new byte[t % 3 == 0 ? 0 : random.nextInt(70)];
            byte[] in = new byte[t < 250 ? random.nextInt(2500) : random.nextInt(65520)];
            random.nextBytes(ad);
            random.nextBytes(in);
            Cipher jdk = Cipher.getInstance("ChaCha20-Poly1305");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            jdk.updateAAD(ad);
            ByteBuffer n = ByteBuffer.wrap(nonce).order(ByteOrder.LITTLE_ENDIAN);
            ChaCha20Poly1305 aead = new ChaCha20Poly1305(key);
            byte[] buf = Arrays.copyOf(in, in.length + 16);
            aead.seal(n.getInt(0), n.getInt(4), n.getInt(8), ad, buf, 0, in.length, buf, 0);
            assertArrayEquals(jdk.doFinal(in), buf, "case " + t);
            assertEquals(in.length, aead.open(n.getInt(0), n.getInt(4), n.getInt(8), ad, buf, 0, buf.length, buf, 0));
            assertArrayEquals(in, Arrays.copyOf(buf, in.length), "case " + t);
        }
    }

    @Test
    void openRejectsAnyChangeAndWritesNothing() throws Exception {
        byte[] key = sequence(1, 32);
        byte[] ad = {1, 2, 3};
        ChaCha20Poly1305 aead = new ChaCha20Poly1305(key);
        byte[] sealed = new byte[100 + 16];
        aead.seal(0, 5, 0, ad, new byte[100], 0, 100, sealed, 0);
        for (int i : new int[] {0, 50, 99, 100, 115}) {
            byte[] bad = sealed.clone();
            bad[i] ^= 0x40;
            byte[] out = new byte[100];
            assertThrows(AEADBadTagException.class, () -> aead.open(0, 5, 0, ad, bad, 0, bad.length, out, 0));
            assertArrayEquals(new byte[100], out);
        }
        assertThrows(AEADBadTagException.class, () -> aead.open(0, 5, 0, new byte[] {1, 2, 4}, sealed, 0, sealed.length, new byte[100], 0));
        assertThrows(AEADBadTagException.class, () -> aead.open(0, 6, 0, ad, sealed, 0, sealed.length, new byte[100], 0));
        assertThrows(AEADBadTagException.class, () -> aead.open(0, 5, 0, ad, sealed, 0, 15, new byte[100], 0));
    }

    /**
     * Noise nonces (64-bit, high word included), associated data, in-place and disjoint buffers and
     * wrong tags mean the same to ours and to each JCA-backed engine (the JDK's, Conscrypt's).
     */
    @ParameterizedTest
    @EnumSource(JcaChaChaPoly.Engine.class)
    void everyImplementationAgreesWithOurs(JcaChaChaPoly.Engine engine) throws Exception {
        assertTrue(engine.available() || !nativeConscryptExpected(), engine + " should load on linux x86-64");
        assumeTrue(engine.available(), engine + " has no native library on this platform");
        byte[] ad = {42};
        int keys = 0;
        // a fresh key for every seal: JCA ciphers refuse to reuse a key and nonce (as Noise never does)
        for (long nonce : new long[] {0, 1, 0xFFFF_FFFFL, 0x1_0000_0000L, -2L}) {
            for (int length : new int[] {0, 1, 3000, NoiseConstants.MAX_PLAINTEXT_LENGTH}) {
                byte[] key = sequence(keys++, 32);
                ChaChaPoly ours = new ChaCha20Poly1305(key);
                ChaChaPoly jca = new JcaChaChaPoly(engine, key);
                byte[] plain = sequence((int) nonce + length, length);
                byte[] a = new byte[length + 16];
                byte[] b = Arrays.copyOf(plain, length + 16);
                ours.seal(nonce, ad, plain, 0, length, a, 0);
                jca.seal(nonce, ad, b, 0, length, b, 0); // in place
                assertArrayEquals(a, b, engine + " nonce " + nonce + " length " + length);
                byte[] out = new byte[length];
                assertEquals(length, jca.open(nonce, ad, a, 0, a.length, out, 0));
                assertArrayEquals(plain, out);
                assertEquals(length, ours.open(nonce, ad, b, 0, b.length, b, 0));

                // inside a much larger array (as in a pooled buffer), in place, at an offset
                byte[] big = new byte[4 * (length + 16) + 1024];
                System.arraycopy(plain, 0, big, 1000, length);
                ChaChaPoly sealer = new JcaChaChaPoly(engine, sequence(keys++, 32));
                ChaChaPoly reference = new ChaCha20Poly1305(sequence(keys - 1, 32));
                assertEquals(length + 16, sealer.seal(nonce, ad, big, 1000, length, big, 1000));
                byte[] expected = new byte[length + 16];
                reference.seal(nonce, ad, plain, 0, length, expected, 0);
                assertArrayEquals(expected, Arrays.copyOfRange(big, 1000, 1000 + length + 16));
                assertEquals(length, sealer.open(nonce, ad, big, 1000, length + 16, big, 1000));
                assertArrayEquals(plain, Arrays.copyOfRange(big, 1000, 1000 + length));

                byte[] otherKey = sequence(keys++, 32);
                byte[] tampered = new byte[length + 16];
                new ChaCha20Poly1305(otherKey).seal(nonce, ad, plain, 0, length, tampered, 0);
                tampered[length / 2] ^= 1;
                ChaChaPoly victim = new JcaChaChaPoly(engine, otherKey);
                long n = nonce;
                assertThrows(AEADBadTagException.class, () -> victim.open(n, ad, tampered, 0, tampered.length, new byte[length], 0));
            }
        }
        ChaChaPoly jca = new JcaChaChaPoly(engine, sequence(keys, 32));
        assertThrows(AEADBadTagException.class, () -> jca.open(0, null, new byte[15], 0, 15, new byte[15], 0));
    }

    /** The buffer methods: direct and heap, in place and disjoint, wrong tags; same bytes as ours. */
    @ParameterizedTest
    @EnumSource(JcaChaChaPoly.Engine.class)
    void bufferMethodsAgreeWithOurs(JcaChaChaPoly.Engine engine) throws Exception {
        assertTrue(engine.available() || !nativeConscryptExpected(), engine + " should load on linux x86-64");
        assumeTrue(engine.available(), engine + " has no native library on this platform");
        int keys = 100;
        for (boolean direct : new boolean[] {true, false}) {
            for (int length : new int[] {0, 5, 3000, NoiseConstants.MAX_PLAINTEXT_LENGTH}) {
                byte[] key = sequence(keys++, 32);
                byte[] plain = sequence(length, length);
                byte[] expected = new byte[length + 16];
                new ChaCha20Poly1305(key).seal(7, null, plain, 0, length, expected, 0);
                ChaChaPoly jca = new JcaChaChaPoly(engine, key);
                ByteBuffer buf = direct ? ByteBuffer.allocateDirect(length + 16 + 10) : ByteBuffer.allocate(length + 16 + 10);
                buf.position(10).put(plain);
                // in place: the plaintext at 10, sealed over it
                assertEquals(length + 16, jca.seal(7, null, buf.duplicate().position(10).limit(10 + length),
                        buf.duplicate().position(10)));
                byte[] sealed = new byte[length + 16];
                buf.duplicate().position(10).get(sealed);
                assertArrayEquals(expected, sealed, engine + (direct ? " direct " : " heap ") + length);
                // disjoint open, then in place
                ByteBuffer out = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
                assertEquals(length, new JcaChaChaPoly(engine, key).open(7, null,
                        buf.duplicate().position(10).limit(10 + length + 16), out));
                byte[] got = new byte[length];
                out.flip().get(got);
                assertArrayEquals(plain, got);
                byte[] victimKey = sequence(keys++, 32); // a fresh key: JCA ciphers refuse a key and nonce twice
                byte[] bad = new byte[length + 16];
                new ChaCha20Poly1305(victimKey).seal(7, null, plain, 0, length, bad, 0);
                bad[length / 2] ^= 1;
                ByteBuffer tampered = direct ? ByteBuffer.allocateDirect(length + 16) : ByteBuffer.allocate(length + 16);
                tampered.put(bad).flip();
                ChaChaPoly victim = new JcaChaChaPoly(engine, victimKey);
                ByteBuffer untouched = direct ? ByteBuffer.allocateDirect(length + 16) : ByteBuffer.allocate(length + 16);
                assertThrows(AEADBadTagException.class, () -> victim.open(7, null, tampered.duplicate(), untouched));
                assertEquals(0, untouched.position(), "nothing handed out of a message that failed authentication");
            }
        }
    }

    @Test
    void noiseUsesTheFastestCipherOfThisJvm() {
        String used = ChaChaPoly.forKey(new byte[32]).toString();
        if (Runtime.version().feature() >= ChaChaPoly.JDK_INTRINSICS_FEATURE) {
            assertEquals("jdk", used);
        } else if (nativeConscryptExpected()) {
            assertEquals("conscrypt", used);
        } else {
            assertTrue(used.equals("conscrypt") || ChaChaPoly.forKey(new byte[32]) instanceof ChaCha20Poly1305, used);
        }
    }

    /** Conscrypt ships a native library for linux x86-64 (CI and this machine): it must load there. */
    private static boolean nativeConscryptExpected() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").equals("amd64");
    }

    // ---- helpers ----

    private static byte[] mac(byte[] key, byte[] msg) {
        Poly1305 p = new Poly1305(ChaCha20.keyWords(key));
        p.update(msg, 0, msg.length);
        byte[] tag = new byte[16];
        p.finish(tag, 0);
        return tag;
    }

    /** Poly1305 straight from RFC 8439 §2.5.1, on BigIntegers. */
    private static byte[] reference(byte[] key, byte[] msg) {
        BigInteger r = le(Arrays.copyOfRange(key, 0, 16)).and(new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16));
        BigInteger s = le(Arrays.copyOfRange(key, 16, 32));
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < msg.length; i += 16) {
            byte[] chunk = Arrays.copyOfRange(msg, i, Math.min(msg.length, i + 16));
            BigInteger n = le(chunk).setBit(8 * chunk.length);
            acc = acc.add(n).multiply(r).mod(P);
        }
        byte[] be = acc.add(s).mod(BigInteger.ONE.shiftLeft(128)).toByteArray();
        byte[] tag = new byte[16];
        for (int i = 0; i < 16 && i < be.length; i++) {
            tag[i] = be[be.length - 1 - i];
        }
        return tag;
    }

    private static BigInteger le(byte[] bytes) {
        byte[] be = new byte[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            be[be.length - 1 - i] = bytes[i];
        }
        return new BigInteger(be);
    }

    private static byte[] sequence(int first, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] one(int length, int first) {
        byte[] b = new byte[length];
        b[0] = (byte) first;
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
