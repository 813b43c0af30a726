package io.solcial.identity;

/**
 * A keystore file is corrupt, truncated, of an unknown version, has fields of the wrong length,
 * fails authentication although the passphrase was right, or holds a public key that does not
 * match its decrypted seed.
 */
public class KeystoreFormatException extends KeyFileFormatException {
    private static final long serialVersionUID = 1L;

    public KeystoreFormatException(String message) {
        super(message);
    }

    public KeystoreFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
