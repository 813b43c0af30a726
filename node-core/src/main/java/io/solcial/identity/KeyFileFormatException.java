package io.solcial.identity;

import java.io.IOException;

/**
 * A key file (Solana CLI keypair JSON or Solcial keystore) is malformed or inconsistent. The
 * message says what is wrong and where, and never contains secret material.
 */
public class KeyFileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public KeyFileFormatException(String message) {
        super(message);
    }

    public KeyFileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
