package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.io.IOException;

/** A block of a DAG being read breaks the DAG's format or its limits. */
public final class InvalidDagException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;

    public InvalidDagException(Cid cid, String message) {
        super("invalid DAG at " + cid + ": " + message);
        this.cid = cid;
    }

    public InvalidDagException(Cid cid, String message, Throwable cause) {
        super("invalid DAG at " + cid + ": " + message, cause);
        this.cid = cid;
    }

    public Cid cid() {
        return cid;
    }
}
