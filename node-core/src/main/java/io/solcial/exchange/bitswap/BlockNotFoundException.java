package io.solcial.exchange.bitswap;

import io.solcial.multiformats.Cid;

/** Every peer we asked for a block answered DontHave. */
public final class BlockNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;

    public BlockNotFoundException(Cid cid, String message) {
        super(message);
        this.cid = cid;
    }

    public Cid cid() {
        return cid;
    }
}
