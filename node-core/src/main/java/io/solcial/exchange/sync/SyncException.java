package io.solcial.exchange.sync;

import io.solcial.identity.PeerId;
import java.util.Objects;

/** A sync from one seeder that did not complete. */
public final class SyncException extends Exception {

    /** Why: only {@link #INVALID_ENTRY} is the seeder's fault for sure (it served an entry that fails validation). */
    public enum Kind { INVALID_ENTRY, UNAVAILABLE, STORE }

    private final Kind kind;
    private final PeerId seeder;

    public SyncException(Kind kind, PeerId seeder, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.seeder = seeder;
    }

    public Kind kind() {
        return kind;
    }

    public PeerId seeder() {
        return seeder;
    }
}
