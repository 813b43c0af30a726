package io.solcial.membership;

/** A chain lookup that gave no answer. See the two subclasses for why. */
public abstract class ChainLookupException extends Exception {
    private static final long serialVersionUID = 1L;

    protected ChainLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
