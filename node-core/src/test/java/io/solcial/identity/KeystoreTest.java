package io.solcial.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.solcial.multiformats.Base58;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreTest {
    /** Cheap parameters for tests (1 MiB); production uses ScryptParams.defaults(). */
    static final ScryptParams CHEAP = new ScryptParams(1 << 10, 8, 1);

    @TempDir
    Path dir;

    private final Keystore keystore = new Keystore(CHEAP, new SecureRandom());
    private final ObjectMapper json = new ObjectMapper();

    private static char[] pass(String s) {
        return s.toCharArray();
    }

    @Test
    void roundTrips() throws Exception {
        Ed25519KeyPair kp = Ed25519KeyPair.generate();
        Path file = dir.resolve("ks.json");
        keystore.write(file, kp, pass("correct horse"), false);

        assertEquals(kp, Keystore.unlock(file, pass("correct horse")));
        assertEquals(kp.publicKey(), Keystore.readPublicKey(file));
        assertEquals(KeyFileFormat.KEYSTORE, KeyFileFormat.detect(file));
    }

    @Test
    void acceptsNonAsciiPassphrase() throws Exception {
        Ed25519KeyPair kp = Ed25519KeyPair.generate();
        Path file = dir.resolve("ks.json");
        keystore.write(file, kp, pass("pässwörd ✓ 鍵"), false);
        assertEquals(kp, Keystore.unlock(file, pass("pässwörd ✓ 鍵")));
        assertThrows(WrongPassphraseException.class, () -> Keystore.unlock(file, pass("passwort ✓ 鍵")));
    }

    @Test
    void storesPublicIdentityAndParametersInClear() throws Exception {
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(new byte[32]);
        Path file = dir.resolve("ks.json");
        keystore.write(file, kp, pass("pw"), false);

        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        assertEquals("solcial-keystore", root.get("format").textValue());
        assertEquals(1, root.get("version").intValue());
        assertEquals("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS", root.get("address").textValue());
        assertEquals(SolanaKeypairFileTest.ZERO_SEED_PEER_ID, root.get("peerId").textValue());
        assertEquals("scrypt", root.at("/kdf/name").textValue());
        assertEquals(1024, root.at("/kdf/n").intValue());
        assertEquals(8, root.at("/kdf/r").intValue());
        assertEquals(1, root.at("/kdf/p").intValue());
        assertEquals(32, Base64.getDecoder().decode(root.at("/kdf/salt").textValue()).length);
        assertEquals("aes-256-gcm", root.at("/cipher/name").textValue());
        assertEquals(12, Base64.getDecoder().decode(root.at("/cipher/nonce").textValue()).length);
        assertEquals(48, Base64.getDecoder().decode(root.get("ciphertext").textValue()).length);
    }

    @Test
    void writesOwnerOnlyAndRefusesToOverwrite() throws Exception {
        Path file = dir.resolve("ks.json");
        Ed25519KeyPair first = Ed25519KeyPair.generate();
        keystore.write(file, first, pass("pw"), false);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        assertThrows(FileAlreadyExistsException.class,
                () -> keystore.write(file, Ed25519KeyPair.generate(), pass("pw"), false));
        assertEquals(first, Keystore.unlock(file, pass("pw")));
    }

    @Test
    void wrongPassphraseIsReportedAsSuch() throws Exception {
        Path file = dir.resolve("ks.json");
        keystore.write(file, Ed25519KeyPair.generate(), pass("right"), false);
        WrongPassphraseException e =
                assertThrows(WrongPassphraseException.class, () -> Keystore.unlock(file, pass("wrong")));
        assertTrue(e.getMessage().contains("wrong passphrase"));
    }

    @Test
    void flippedCiphertextByteIsCorruptionAndFileIsUntouched() throws Exception {
        Path file = dir.resolve("ks.json");
        keystore.write(file, Ed25519KeyPair.generate(), pass("pw"), false);
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        byte[] ct = Base64.getDecoder().decode(root.get("ciphertext").textValue());
        ct[3] ^= 0x01;
        root.put("ciphertext", Base64.getEncoder().encodeToString(ct));
        Files.write(file, json.writeValueAsBytes(root));
        byte[] before = Files.readAllBytes(file);

        KeystoreFormatException e =
                assertThrows(KeystoreFormatException.class, () -> Keystore.unlock(file, pass("pw")));
        assertTrue(e.getMessage().contains("corrupted or was tampered with"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void alteredClearAddressFailsAuthentication() throws Exception {
        Path file = dir.resolve("ks.json");
        keystore.write(file, Ed25519KeyPair.generate(), pass("pw"), false);
        Ed25519PublicKey other = Ed25519KeyPair.generate().publicKey();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        root.put("address", other.address());
        root.put("peerId", other.peerId().toString());
        Files.write(file, json.writeValueAsBytes(root));

        // Without the passphrase the clear fields are all there is; with it, the AAD catches the swap.
        assertEquals(other, Keystore.readPublicKey(file));
        assertThrows(KeystoreFormatException.class, () -> Keystore.unlock(file, pass("pw")));
    }

    @Test
    void neverContainsTheSeedInAnyEncoding() throws Exception {
        for (int round = 0; round < 5; round++) {
            Ed25519KeyPair kp = Ed25519KeyPair.generate();
            Path file = dir.resolve("ks" + round + ".json");
            keystore.write(file, kp, pass("pw"), false);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            byte[] seed = kp.seed();
            byte[] secret64 = kp.secretKey64();

            for (byte[] secret : new byte[][] {seed, secret64}) {
                String hex = HexFormat.of().formatHex(secret);
                assertFalse(text.toLowerCase(Locale.ROOT).contains(hex));
                assertFalse(text.contains(Base64.getEncoder().encodeToString(secret)));
                assertFalse(text.contains(Base64.getEncoder().withoutPadding().encodeToString(secret)));
                assertFalse(text.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)));
                assertFalse(text.contains(Base58.encode(secret)));
                StringJoiner array = new StringJoiner(",");
                for (byte b : secret) {
                    array.add(Integer.toString(b & 0xff));
                }
                assertFalse(text.replace(" ", "").contains(array.toString()));
            }
            // Base64 of the seed at another alignment: any 4-char group run of it would show here.
            String seedB64Inner = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(seed, 3, 30));
            assertFalse(text.contains(seedB64Inner));
        }
    }

    private String formatError(String content) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, content);
        String pubMessage = assertThrows(KeystoreFormatException.class, () -> Keystore.readPublicKey(file)).getMessage();
        assertThrows(KeystoreFormatException.class, () -> Keystore.unlock(file, pass("pw")));
        return pubMessage;
    }

    private ObjectNode validKeystoreJson() throws Exception {
        return (ObjectNode) json.readTree(keystore.encrypt(Ed25519KeyPair.generate(), pass("pw")));
    }

    @Test
    void rejectsTruncatedOrCorruptJson() throws Exception {
        String text = new String(keystore.encrypt(Ed25519KeyPair.generate(), pass("pw")), StandardCharsets.UTF_8);
        assertTrue(formatError(text.substring(0, text.length() / 2)).contains("not valid JSON"));
        assertTrue(formatError("").contains("empty"));
        assertTrue(formatError("[1,2,3]").contains("expected a JSON object"));
    }

    @Test
    void rejectsUnknownVersion() throws Exception {
        ObjectNode root = validKeystoreJson();
        root.put("version", 2);
        assertTrue(formatError(root.toString()).contains("unsupported keystore version 2"));
    }

    @Test
    void rejectsBadLengths() throws Exception {
        ObjectNode root = validKeystoreJson();
        root.withObject("/cipher").put("nonce", Base64.getEncoder().encodeToString(new byte[11]));
        assertTrue(formatError(root.toString()).contains("nonce must be 12 bytes"));

        root = validKeystoreJson();
        root.put("ciphertext", Base64.getEncoder().encodeToString(new byte[47]));
        assertTrue(formatError(root.toString()).contains("ciphertext must be 48 bytes"));

        root = validKeystoreJson();
        root.withObject("/kdf").put("salt", Base64.getEncoder().encodeToString(new byte[8]));
        assertTrue(formatError(root.toString()).contains("salt must be"));

        root = validKeystoreJson();
        root.put("ciphertext", "!!not base64!!");
        assertTrue(formatError(root.toString()).contains("not valid base64"));
    }

    @Test
    void rejectsHostileKdfParameters() throws Exception {
        ObjectNode root = validKeystoreJson();
        root.withObject("/kdf").put("n", 1 << 30);
        assertTrue(formatError(root.toString()).contains("bad kdf parameters"));

        root = validKeystoreJson();
        root.withObject("/kdf").put("n", 1000);
        assertTrue(formatError(root.toString()).contains("power of two"));

        root = validKeystoreJson();
        root.withObject("/kdf").put("name", "pbkdf2");
        assertTrue(formatError(root.toString()).contains("unsupported kdf"));
    }

    @Test
    void rejectsPeerIdNotMatchingAddress() throws Exception {
        ObjectNode root = validKeystoreJson();
        root.put("peerId", Ed25519KeyPair.generate().peerId().toString());
        assertTrue(formatError(root.toString()).contains("\"peerId\" does not match"));
    }

    @Test
    void rejectsUnknownFields() throws Exception {
        ObjectNode root = validKeystoreJson();
        root.put("seed", "oops");
        assertTrue(formatError(root.toString()).contains("unknown field \"seed\""));
    }

    @Test
    void rejectsEmptyPassphraseOnWrite() {
        assertThrows(IllegalArgumentException.class, () -> keystore.encrypt(Ed25519KeyPair.generate(), new char[0]));
    }

    @Test
    void defaultParametersWork() throws Exception {
        Keystore real = Keystore.withDefaults();
        Ed25519KeyPair kp = Ed25519KeyPair.generate();
        byte[] content = real.encrypt(kp, pass("pw"));
        assertEquals(kp, Keystore.decrypt(content, "default", pass("pw")));
        assertEquals(131072, json.readTree(content).at("/kdf/n").intValue());
    }
}
