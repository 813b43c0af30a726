package io.solcial.membership;

/**
 * The chain endpoint answered, but not with something we can trust: malformed JSON, a missing or
 * mistyped field, an error object. Never read as a "yes".
 */
public final class ChainResponseException extends ChainLookupException {
    private static final long serialVersionUID = 1L;

    public ChainResponseException(String message) {
        super(message, null);
    }

    public ChainResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
