package io.solcial.cli.control;

import java.util.Objects;

/** An action the node refused or could not do, with a message for the user (no internals). */
public final class ActionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why; each maps to an HTTP status on the control API. */
    public enum Kind {
        BAD_REQUEST(400), UNAUTHORIZED(401), NOT_FOUND(404), TOO_LARGE(413), FAILED(500);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The kind for an HTTP status from the API (unknown ones are failures). */
        public static Kind of(int status) {
            for (Kind k : values()) {
                if (k.status == status) {
                    return k;
                }
            }
            return FAILED;
        }
    }

    private final Kind kind;

    public ActionException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static ActionException badRequest(String message) {
        return new ActionException(Kind.BAD_REQUEST, message);
    }

    public Kind kind() {
        return kind;
    }
}
