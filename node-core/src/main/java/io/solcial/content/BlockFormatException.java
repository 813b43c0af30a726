package io.solcial.content;

/** A block's bytes do not decode under its codec (or break the codec's canonical form). */
public final class BlockFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public BlockFormatException(String message) {
        super(message);
    }

    public BlockFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
