package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.io.IOException;

/** A block a DAG needs is not in the block source. */
public final class MissingBlockException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;

    public MissingBlockException(Cid cid) {
        super("block not found: " + cid);
        this.cid = cid;
    }

    public Cid cid() {
        return cid;
    }
}
