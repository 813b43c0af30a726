package io.solcial.identity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The Solana CLI keypair file ({@code solana-keygen new -o id.json}): a JSON array of exactly 64
 * integers 0..255, the 32-byte Ed25519 seed followed by the 32-byte public key. It holds the
 * secret key in clear, so it is written owner-only.
 *
 * <p>Reading is strict: anything but 64 integers in range is refused, and so is a file whose
 * public half is not the key its seed derives (an inconsistent file, perhaps hand-edited).
 */
public final class SolanaKeypairFile {
    public static final int LENGTH = 64;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SolanaKeypairFile() {
    }

    public static Ed25519KeyPair read(Path file) throws IOException {
        byte[] content = SecureFiles.readSmall(file);
        try {
            return parse(content, file.toString());
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Parses the file's content. {@code source} names it in error messages.
     *
     * @throws KeyFileFormatException if it is not exactly 64 integers 0..255 or is inconsistent
     */
    public static Ed25519KeyPair parse(byte[] content, String source) throws KeyFileFormatException {
        byte[] secret = new byte[LENGTH];
        try {
            readArray(content, secret, source);
            byte[] seed = Arrays.copyOf(secret, Ed25519KeyPair.SEED_LENGTH);
            Ed25519KeyPair keyPair;
            try {
                keyPair = Ed25519KeyPair.fromSeed(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
            byte[] filePub = Arrays.copyOfRange(secret, Ed25519KeyPair.SEED_LENGTH, LENGTH);
            if (!MessageDigest.isEqual(filePub, keyPair.publicKey().toByteArray())) {
                throw new KeyFileFormatException(source + ": the keypair file is inconsistent: its public key half "
                        + "(numbers 33..64) is " + Ed25519PublicKey.of(filePub).address()
                        + " but the seed half derives " + keyPair.publicKey().address());
            }
            return keyPair;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The file's content for {@code keyPair}, {@code [n,n,...]} like solana-keygen. Wipe it when done. */
    public static byte[] format(Ed25519KeyPair keyPair) {
        byte[] secret = keyPair.secretKey64();
        byte[] out = new byte[2 + LENGTH * 4];
        int pos = 0;
        try {
            out[pos++] = '[';
            for (int i = 0; i < LENGTH; i++) {
                if (i > 0) {
                    out[pos++] = ',';
                }
                int v = secret[i] & 0xff;
                if (v >= 100) {
                    out[pos++] = (byte) ('0' + v / 100);
                }
                if (v >= 10) {
                    out[pos++] = (byte) ('0' + v / 10 % 10);
                }
                out[pos++] = (byte) ('0' + v % 10);
            }
            out[pos++] = ']';
            return Arrays.copyOf(out, pos);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(out, (byte) 0);
        }
    }

    /**
     * Writes {@code keyPair} to {@code file}, owner-only (rw-------), atomically.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and {@code overwrite} is false
     */
    public static void write(Path file, Ed25519KeyPair keyPair, boolean overwrite) throws IOException {
        byte[] content = format(keyPair);
        try {
            SecureFiles.writeOwnerOnly(file, content, overwrite);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static void readArray(byte[] content, byte[] secret, String source) throws KeyFileFormatException {
        if (isBlank(content)) {
            throw new KeyFileFormatException(source + ": the keypair file is empty");
        }
        try (JsonParser p = JSON.createParser(content)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new KeyFileFormatException(source + ": not a Solana keypair file: expected a JSON array of "
                        + LENGTH + " numbers 0..255");
            }
            int count = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw new KeyFileFormatException(source + ": the keypair file is truncated (unterminated array)");
                }
                int position = count + 1;
                if (t != JsonToken.VALUE_NUMBER_INT) {
                    throw new KeyFileFormatException(source + ": element " + position + " is " + describe(t)
                            + ", expected an integer 0..255");
                }
                if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0 || p.getIntValue() > 255) {
                    throw new KeyFileFormatException(source + ": element " + position + " is out of range 0..255");
                }
                if (count < LENGTH) {
                    secret[count] = (byte) p.getIntValue();
                }
                count++;
            }
            if (count != LENGTH) {
                throw new KeyFileFormatException(source + ": expected exactly " + LENGTH + " numbers, found " + count);
            }
            if (p.nextToken() != null) {
                throw new KeyFileFormatException(source + ": unexpected content after the JSON array");
            }
        } catch (JsonProcessingException e) {
            // Jackson's message may quote file content; report only where it broke.
            throw new KeyFileFormatException(source + ": not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (KeyFileFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new KeyFileFormatException(source + ": unreadable keypair file", e);
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> t.toString();
        };
    }

    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
