package io.solcial.log;

/** An entry block was refused; {@link #reason()} says why, the message gives the detail. */
public final class InvalidEntryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why an entry was refused. */
    public enum Reason {
        /** Not a DAG-PB block, not canonical JSON, an unknown or missing field, links not matching. */
        MALFORMED,
        /** The block exceeds {@link LogConstants#MAX_ENTRY_SIZE}. */
        OVERSIZE,
        /** No "signature" field, or an empty one. */
        MISSING_SIGNATURE,
        /** The signature is not 64 bytes or does not verify against the author. */
        BAD_SIGNATURE,
        /** The author is not the one expected (the log being synced), or differs from a prev's author. */
        AUTHOR_MISMATCH,
        /** The action is not one we know. */
        UNKNOWN_ACTION,
        /** Params missing, not allowed for the action, or of the wrong type or size. */
        BAD_PARAMS,
        /** seq is not 1 + the largest seq of the prev entries. */
        WRONG_SEQ,
        /** A prev entry is not available (not yet fetched and validated). */
        MISSING_PREV,
        /** The timestamp is more than {@link LogConstants#MAX_CLOCK_SKEW} ahead of our clock. */
        FUTURE_TIMESTAMP,
        /** The timestamp is earlier than a prev entry's timestamp. */
        TIMESTAMP_BEFORE_PREV
    }

    private final Reason reason;

    public InvalidEntryException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public InvalidEntryException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
