package io.solcial.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolanaKeypairFileTest {
    static final String ZERO_SEED_PUB_HEX = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";
    static final String ZERO_SEED_PEER_ID = "12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN";

    @TempDir
    Path dir;

    /** base58btc by the textbook bignum method, independent of the production encoder. */
    static String referenceBase58(byte[] bytes) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        BigInteger n = new BigInteger(1, bytes);
        StringBuilder sb = new StringBuilder();
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(58));
            sb.append(alphabet.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    static String jsonArray(int[] values) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int v : values) {
            j.add(Integer.toString(v));
        }
        return j.toString();
    }

    static int[] zeroSeedSecret() {
        byte[] pub = HexFormat.of().parseHex(ZERO_SEED_PUB_HEX);
        int[] values = new int[64];
        for (int i = 0; i < 32; i++) {
            values[32 + i] = pub[i] & 0xff;
        }
        return values;
    }

    @Test
    void readsAllZeroSeedVector() throws IOException {
        Path file = dir.resolve("zero.json");
        Files.writeString(file, jsonArray(zeroSeedSecret()));

        Ed25519KeyPair kp = SolanaKeypairFile.read(file);

        byte[] pub = HexFormat.of().parseHex(ZERO_SEED_PUB_HEX);
        assertArrayEquals(pub, kp.publicKey().toByteArray());
        assertEquals(ZERO_SEED_PEER_ID, kp.peerId().toString());
        assertEquals(referenceBase58(pub), kp.publicKey().address());
        assertEquals("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS", kp.publicKey().address());
    }

    @Test
    void roundTripsAndMatchesSolanaKeygenLayout() throws IOException {
        Ed25519KeyPair kp = Ed25519KeyPair.generate();
        Path file = dir.resolve("id.json");
        SolanaKeypairFile.write(file, kp, false);

        assertEquals(kp, SolanaKeypairFile.read(file));
        String text = Files.readString(file);
        assertTrue(text.matches("\\[\\d{1,3}(,\\d{1,3}){63}]"), text.length() + " chars");
        byte[] secret = kp.secretKey64();
        StringJoiner expected = new StringJoiner(",", "[", "]");
        for (byte b : secret) {
            expected.add(Integer.toString(b & 0xff));
        }
        assertEquals(expected.toString(), text);
    }

    @Test
    void writesOwnerOnlyFile() throws IOException {
        Path file = dir.resolve("id.json");
        SolanaKeypairFile.write(file, Ed25519KeyPair.generate(), false);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        SolanaKeypairFile.write(dir.resolve("id.json"), Ed25519KeyPair.generate(), false);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws IOException {
        Path file = dir.resolve("id.json");
        Files.writeString(file, "precious");
        assertThrows(FileAlreadyExistsException.class,
                () -> SolanaKeypairFile.write(file, Ed25519KeyPair.generate(), false));
        assertEquals("precious", Files.readString(file));

        Ed25519KeyPair kp = Ed25519KeyPair.generate();
        SolanaKeypairFile.write(file, kp, true);
        assertEquals(kp, SolanaKeypairFile.read(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private String errorFor(String content) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return assertThrows(KeyFileFormatException.class, () -> SolanaKeypairFile.read(file)).getMessage();
    }

    @Test
    void rejectsSixtyThreeNumbers() throws IOException {
        int[] values = new int[63];
        assertTrue(errorFor(jsonArray(values)).contains("expected exactly 64 numbers, found 63"));
    }

    @Test
    void rejectsSixtyFiveNumbers() throws IOException {
        int[] values = new int[65];
        assertTrue(errorFor(jsonArray(values)).contains("expected exactly 64 numbers, found 65"));
    }

    @Test
    void rejects256() throws IOException {
        int[] values = zeroSeedSecret();
        values[5] = 256;
        assertTrue(errorFor(jsonArray(values)).contains("element 6 is out of range 0..255"));
    }

    @Test
    void rejectsNegative() throws IOException {
        int[] values = zeroSeedSecret();
        values[0] = -1;
        assertTrue(errorFor(jsonArray(values)).contains("element 1 is out of range 0..255"));
    }

    @Test
    void rejectsHugeIntegers() throws IOException {
        String text = jsonArray(zeroSeedSecret()).replaceFirst("\\[0,", "[99999999999999999999,");
        assertTrue(errorFor(text).contains("element 1 is out of range 0..255"));
    }

    @Test
    void rejectsStrings() throws IOException {
        String text = jsonArray(zeroSeedSecret()).replaceFirst("\\[0,", "[\"0\",");
        assertTrue(errorFor(text).contains("element 1 is a string"));
    }

    @Test
    void rejectsFractions() throws IOException {
        String text = jsonArray(zeroSeedSecret()).replaceFirst("\\[0,", "[0.0,");
        assertTrue(errorFor(text).contains("element 1 is a fractional number"));
    }

    @Test
    void rejectsMismatchedPublicHalf() throws IOException {
        int[] values = zeroSeedSecret();
        values[63] ^= 1;
        String message = errorFor(jsonArray(values));
        assertTrue(message.contains("inconsistent"), message);
        assertTrue(message.contains("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS"), message);
    }

    @Test
    void rejectsNonJson() throws IOException {
        assertTrue(errorFor("this is not json").contains("not"));
        assertTrue(errorFor("[1,2,").contains("not valid JSON"));
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        assertTrue(errorFor("").contains("empty"));
        assertTrue(errorFor("  \n").contains("empty"));
    }

    @Test
    void rejectsObjectsAndTrailingContent() throws IOException {
        assertTrue(errorFor("{\"a\":1}").contains("expected a JSON array"));
        assertTrue(errorFor(jsonArray(zeroSeedSecret()) + "[]").contains("unexpected content after"));
    }

    @Test
    void errorMessagesDoNotEchoFileContent() throws IOException {
        String secretLooking = "\"hunter2-very-secret\"";
        String text = jsonArray(zeroSeedSecret()).replaceFirst("\\[0,", "[" + secretLooking + ",");
        assertFalse(errorFor(text).contains("hunter2"));
        assertFalse(errorFor("[hunter2]").contains("hunter2"));
    }
}
