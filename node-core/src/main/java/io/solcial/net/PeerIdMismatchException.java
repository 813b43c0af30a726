package io.solcial.net;

import io.solcial.identity.PeerId;

/** The peer authenticated as someone other than the peer we meant to reach. */
public final class PeerIdMismatchException extends NetException {
    private static final long serialVersionUID = 1L;

    private final transient PeerId expected;
    private final transient PeerId actual;

    public PeerIdMismatchException(PeerId expected, PeerId actual) {
        super("peer id mismatch: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public PeerId expected() {
        return expected;
    }

    public PeerId actual() {
        return actual;
    }
}
