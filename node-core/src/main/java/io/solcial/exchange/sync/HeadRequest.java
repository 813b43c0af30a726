package io.solcial.exchange.sync;

import io.solcial.identity.Ed25519PublicKey;
import java.util.Objects;

/** Asks for the heads of {@code author}'s log and the CIDs of up to {@code maxEntries} entries after {@code afterSeq}. */
public record HeadRequest(Ed25519PublicKey author, long afterSeq, int maxEntries) {
    public HeadRequest {
        Objects.requireNonNull(author, "author");
        if (afterSeq < 0 || maxEntries < 0) {
            throw new IllegalArgumentException("afterSeq and maxEntries must not be negative");
        }
    }
}
