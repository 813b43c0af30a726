package io.solcial.multiformats;

/**
 * Thrown when bytes or text do not decode to a valid multiformat value: truncated input,
 * a non-minimal varint, an unknown code, a bad character. The message says which and where.
 */
public final class InvalidMultiformatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidMultiformatException(String message) {
        super(message);
    }

    public InvalidMultiformatException(String message, Throwable cause) {
        super(message, cause);
    }
}
