package io.solcial.membership;

/**
 * The chain could not be reached (connection refused, timeout, overloaded endpoint). Transient:
 * the same lookup may succeed later. New joins are refused meanwhile.
 */
public final class ChainUnavailableException extends ChainLookupException {
    private static final long serialVersionUID = 1L;

    public ChainUnavailableException(String message) {
        super(message, null);
    }

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
