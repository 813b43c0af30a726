package io.solcial.identity;

/**
 * The passphrase does not unlock the keystore. (Altered KDF parameters or salt look the same from
 * here: both give a key that fails the keystore's passphrase check.)
 */
public class WrongPassphraseException extends Exception {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(message);
    }
}
