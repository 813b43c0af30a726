package io.solcial.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The desktop keystore: the Ed25519 seed encrypted at rest under the user's passphrase.
 *
 * <p>Key derivation is scrypt (RFC 7914, BouncyCastle), by default N=2^17, r=8, p=1 (128 MiB).
 * scrypt rather than Argon2id: both are memory-hard and either would do. scrypt is what existing
 * wallet keystores use (Ethereum's Web3 Secret Storage: scrypt, N=2^18, r=8, p=1), so the format
 * and its cost are familiar to reviewers; BouncyCastle's SCrypt is a long-standing, widely used
 * implementation; and its three parameters are easy to bound against hostile files. The
 * parameters live in the file, so a later version can raise them or add {@code "argon2id"} as
 * another {@code kdf.name}.
 *
 * <p>The 64-byte scrypt output splits in two: bytes 0..31 are the AES-256-GCM key, bytes 32..63
 * hash to the {@code check} field. The check tells a wrong passphrase ({@link
 * WrongPassphraseException}) apart from a damaged file (GCM tag fails with the right passphrase:
 * {@link KeystoreFormatException}); it gives an attacker nothing the GCM tag does not. The
 * plaintext is the 32-byte seed; the nonce is 12 random bytes; the AAD binds every header field
 * (format, version, address, peer id, KDF name and parameters, salt, cipher, nonce, check).
 *
 * <p>File (JSON, version 1):
 * <pre>{@code
 * { "format": "solcial-keystore", "version": 1,
 *   "address": "<base58 public key>", "peerId": "12D3KooW...",
 *   "kdf": { "name": "scrypt", "n": 131072, "r": 8, "p": 1, "salt": "<base64, 32 bytes>" },
 *   "cipher": { "name": "aes-256-gcm", "nonce": "<base64, 12 bytes>" },
 *   "check": "<base64, 32 bytes>", "ciphertext": "<base64, 48 bytes: seed + tag>" }
 * }</pre>
 * The address and peer id are in clear so that showing an identity needs no passphrase.
 *
 * <p>This class never modifies the caller's passphrase array; the caller wipes it.
 */
public final class Keystore {
    public static final String FORMAT = "solcial-keystore";
    public static final int VERSION = 1;
    public static final String KDF_SCRYPT = "scrypt";
    public static final String CIPHER_AES_256_GCM = "aes-256-gcm";
    public static final int SALT_LENGTH = 32;
    public static final int MIN_SALT_LENGTH = 16;
    public static final int MAX_SALT_LENGTH = 64;
    public static final int NONCE_LENGTH = 12;
    public static final int CHECK_LENGTH = 32;
    public static final int TAG_LENGTH = 16;
    public static final int CIPHERTEXT_LENGTH = Ed25519KeyPair.SEED_LENGTH + TAG_LENGTH;
    private static final int DERIVED_LENGTH = 64;
    private static final Set<String> TOP_FIELDS =
            Set.of("format", "version", "address", "peerId", "kdf", "cipher", "check", "ciphertext");
    private static final Set<String> KDF_FIELDS = Set.of("name", "n", "r", "p", "salt");
    private static final Set<String> CIPHER_FIELDS = Set.of("name", "nonce");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final ScryptParams params;
    private final SecureRandom random;

    public Keystore(ScryptParams params, SecureRandom random) {
        this.params = params;
        this.random = random;
    }

    public static Keystore withDefaults() {
        return new Keystore(ScryptParams.defaults(), new SecureRandom());
    }

    /** The cleartext header of a keystore file; everything but the ciphertext. */
    private record Header(Ed25519PublicKey publicKey, ScryptParams kdf, byte[] salt, byte[] nonce, byte[] check) {
        byte[] aad() {
            String text = String.join("\n",
                    FORMAT,
                    "version=" + VERSION,
                    "address=" + publicKey.address(),
                    "peerId=" + publicKey.peerId(),
                    "kdf=" + KDF_SCRYPT,
                    "n=" + kdf.n(),
                    "r=" + kdf.r(),
                    "p=" + kdf.p(),
                    "salt=" + b64(salt),
                    "cipher=" + CIPHER_AES_256_GCM,
                    "nonce=" + b64(nonce),
                    "check=" + b64(check));
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Encrypts {@code keyPair} under {@code passphrase} into {@code file}, owner-only, atomically.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and {@code overwrite} is false
     */
    public void write(Path file, Ed25519KeyPair keyPair, char[] passphrase, boolean overwrite) throws IOException {
        SecureFiles.writeOwnerOnly(file, encrypt(keyPair, passphrase), overwrite);
    }

    /** The keystore file's content (it holds no secret in clear). */
    public byte[] encrypt(Ed25519KeyPair keyPair, char[] passphrase) {
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("the keystore passphrase must not be empty");
        }
        byte[] salt = new byte[SALT_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] derived = derive(passphrase, salt, params);
        byte[] seed = keyPair.seed();
        try {
            Header header = new Header(keyPair.publicKey(), params, salt, nonce, checkValue(derived));
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, derived, header, seed);
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", VERSION);
            root.put("address", header.publicKey().address());
            root.put("peerId", header.publicKey().peerId().toString());
            ObjectNode kdf = root.putObject("kdf");
            kdf.put("name", KDF_SCRYPT);
            kdf.put("n", params.n());
            kdf.put("r", params.r());
            kdf.put("p", params.p());
            kdf.put("salt", b64(salt));
            ObjectNode cipher = root.putObject("cipher");
            cipher.put("name", CIPHER_AES_256_GCM);
            cipher.put("nonce", b64(nonce));
            root.put("check", b64(header.check()));
            root.put("ciphertext", b64(ciphertext));
            byte[] out = JSON.writeValueAsBytes(root);
            byte[] withNewline = Arrays.copyOf(out, out.length + 1);
            withNewline[out.length] = '\n';
            return withNewline;
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("encryption cannot fail authentication", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize keystore JSON", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Decrypts the key pair in {@code file}. */
    public static Ed25519KeyPair unlock(Path file, char[] passphrase) throws IOException, WrongPassphraseException {
        return decrypt(SecureFiles.readSmall(file), file.toString(), passphrase);
    }

    /** Decrypts a keystore's content; {@code source} names it in error messages. */
    public static Ed25519KeyPair decrypt(byte[] content, String source, char[] passphrase)
            throws KeystoreFormatException, WrongPassphraseException {
        JsonNode root = parseJson(content, source);
        Header header = parseHeader(root, source);
        byte[] ciphertext = ciphertext(root, source);
        byte[] derived = derive(passphrase, header.salt(), header.kdf());
        byte[] seed = null;
        try {
            if (!MessageDigest.isEqual(checkValue(derived), header.check())) {
                throw new WrongPassphraseException("wrong passphrase for keystore " + source);
            }
            try {
                seed = gcm(Cipher.DECRYPT_MODE, derived, header, ciphertext);
            } catch (AEADBadTagException e) {
                throw new KeystoreFormatException(source + ": the passphrase is right but the encrypted data fails "
                        + "authentication: the keystore is corrupted or was tampered with");
            }
            Ed25519KeyPair keyPair = Ed25519KeyPair.fromSeed(seed);
            if (!keyPair.publicKey().equals(header.publicKey())) {
                throw new KeystoreFormatException(source + ": the keystore is inconsistent: it names address "
                        + header.publicKey().address() + " but its seed derives " + keyPair.publicKey().address());
            }
            return keyPair;
        } finally {
            Arrays.fill(derived, (byte) 0);
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    private static byte[] ciphertext(JsonNode root, String source) throws KeystoreFormatException {
        byte[] ciphertext = base64Field(root, "ciphertext", source);
        if (ciphertext.length != CIPHERTEXT_LENGTH) {
            throw new KeystoreFormatException(source + ": ciphertext must be " + CIPHERTEXT_LENGTH
                    + " bytes, got " + ciphertext.length);
        }
        return ciphertext;
    }

    /** The public key a keystore names in clear, after validating the whole file's structure. */
    public static Ed25519PublicKey readPublicKey(Path file) throws IOException {
        byte[] content = SecureFiles.readSmall(file);
        return parsePublicKey(content, file.toString());
    }

    public static Ed25519PublicKey parsePublicKey(byte[] content, String source) throws KeystoreFormatException {
        JsonNode root = parseJson(content, source);
        Header header = parseHeader(root, source);
        ciphertext(root, source);
        return header.publicKey();
    }

    private static JsonNode parseJson(byte[] content, String source) throws KeystoreFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new KeystoreFormatException(source + ": the keystore is not valid JSON (truncated or corrupt; line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new KeystoreFormatException(source + ": unreadable keystore", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new KeystoreFormatException(source + ": the keystore file is empty");
        }
        if (!root.isObject()) {
            throw new KeystoreFormatException(source + ": not a keystore: expected a JSON object");
        }
        return root;
    }

    private static Header parseHeader(JsonNode root, String source) throws KeystoreFormatException {
        String format = textField(root, "format", source);
        if (!FORMAT.equals(format)) {
            throw new KeystoreFormatException(source + ": not a Solcial keystore (format is not \"" + FORMAT + "\")");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt()) {
            throw new KeystoreFormatException(source + ": missing or non-integer \"version\"");
        }
        if (version.intValue() != VERSION) {
            throw new KeystoreFormatException(source + ": unsupported keystore version " + version.intValue()
                    + " (this build reads version " + VERSION + ")");
        }
        rejectUnknownFields(root, TOP_FIELDS, "", source);

        Ed25519PublicKey publicKey;
        try {
            publicKey = Ed25519PublicKey.fromAddress(textField(root, "address", source));
        } catch (IllegalArgumentException e) {
            throw new KeystoreFormatException(source + ": \"address\" is not a valid public key: " + e.getMessage());
        }
        String peerId = textField(root, "peerId", source);
        if (!publicKey.peerId().toString().equals(peerId)) {
            throw new KeystoreFormatException(source + ": \"peerId\" does not match \"address\" " + publicKey.address());
        }

        JsonNode kdf = objectField(root, "kdf", source);
        rejectUnknownFields(kdf, KDF_FIELDS, "kdf.", source);
        String kdfName = textField(kdf, "name", source);
        if (!KDF_SCRYPT.equals(kdfName)) {
            throw new KeystoreFormatException(source + ": unsupported kdf \"" + kdfName + "\" (supported: scrypt)");
        }
        ScryptParams params;
        try {
            params = new ScryptParams(intField(kdf, "n", source), intField(kdf, "r", source), intField(kdf, "p", source));
        } catch (IllegalArgumentException e) {
            throw new KeystoreFormatException(source + ": bad kdf parameters: " + e.getMessage());
        }
        byte[] salt = base64Field(kdf, "salt", source);
        if (salt.length < MIN_SALT_LENGTH || salt.length > MAX_SALT_LENGTH) {
            throw new KeystoreFormatException(source + ": kdf salt must be " + MIN_SALT_LENGTH + ".."
                    + MAX_SALT_LENGTH + " bytes, got " + salt.length);
        }

        JsonNode cipher = objectField(root, "cipher", source);
        rejectUnknownFields(cipher, CIPHER_FIELDS, "cipher.", source);
        String cipherName = textField(cipher, "name", source);
        if (!CIPHER_AES_256_GCM.equals(cipherName)) {
            throw new KeystoreFormatException(source + ": unsupported cipher \"" + cipherName + "\" (supported: "
                    + CIPHER_AES_256_GCM + ")");
        }
        byte[] nonce = base64Field(cipher, "nonce", source);
        if (nonce.length != NONCE_LENGTH) {
            throw new KeystoreFormatException(source + ": nonce must be " + NONCE_LENGTH + " bytes, got " + nonce.length);
        }
        byte[] check = base64Field(root, "check", source);
        if (check.length != CHECK_LENGTH) {
            throw new KeystoreFormatException(source + ": check must be " + CHECK_LENGTH + " bytes, got " + check.length);
        }
        return new Header(publicKey, params, salt, nonce, check);
    }

    private static void rejectUnknownFields(JsonNode node, Set<String> known, String prefix, String source)
            throws KeystoreFormatException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new KeystoreFormatException(source + ": unknown field \"" + prefix + name + "\"");
            }
        }
    }

    private static String textField(JsonNode node, String name, String source) throws KeystoreFormatException {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new KeystoreFormatException(source + ": missing or non-string \"" + name + "\"");
        }
        return v.textValue();
    }

    private static int intField(JsonNode node, String name, String source) throws KeystoreFormatException {
        JsonNode v = node.get(name);
        if (v == null || !v.isInt()) {
            throw new KeystoreFormatException(source + ": missing or non-integer kdf \"" + name + "\"");
        }
        return v.intValue();
    }

    private static JsonNode objectField(JsonNode node, String name, String source) throws KeystoreFormatException {
        JsonNode v = node.get(name);
        if (v == null || !v.isObject()) {
            throw new KeystoreFormatException(source + ": missing or non-object \"" + name + "\"");
        }
        return v;
    }

    private static byte[] base64Field(JsonNode node, String name, String source) throws KeystoreFormatException {
        String text = textField(node, name, source);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new KeystoreFormatException(source + ": \"" + name + "\" is not valid base64");
        }
    }

    private static byte[] derive(char[] passphrase, byte[] salt, ScryptParams params) {
        byte[] pass = PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(passphrase);
        try {
            return SCrypt.generate(pass, salt, params.n(), params.r(), params.p(), DERIVED_LENGTH);
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    /** SHA-256 of the second half of the derived key. */
    private static byte[] checkValue(byte[] derived) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(derived, 32, 32);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    private static byte[] gcm(int mode, byte[] derived, Header header, byte[] input) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(derived, 0, 32, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, header.nonce()));
            cipher.updateAAD(header.aad());
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable", e);
        }
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
