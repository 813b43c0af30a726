package io.solcial.chain;

/** A registrar operation refused before anything was sent (unknown mint, already registered, ...). */
public final class RegistrarException extends Exception {
    private static final long serialVersionUID = 1L;

    RegistrarException(String message) {
        super(message);
    }
}
