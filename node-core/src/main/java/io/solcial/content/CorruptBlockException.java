package io.solcial.content;

import io.solcial.multiformats.Cid;

/** A block's bytes do not hash to its CID: it must never be stored or served. */
public final class CorruptBlockException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;

    public CorruptBlockException(Cid cid, String message) {
        super("corrupt block " + cid + ": " + message);
        this.cid = cid;
    }

    public Cid cid() {
        return cid;
    }
}
