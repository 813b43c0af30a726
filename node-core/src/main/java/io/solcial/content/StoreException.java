package io.solcial.content;

/** The block store could not do what was asked (I/O, database, or a pinned block delete). */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
