package io.solcial.overlay.plumtree;

import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Multihash;

/**
 * A broadcast's identity: the SHA-256 of its payload. Receivers recompute it, so a peer cannot
 * attach a valid message's id to a different payload.
 */
public record MessageId(Bytes hash) {
    public static final int LENGTH = 32;

    public MessageId {
        if (hash.length() != LENGTH) {
            throw new IllegalArgumentException("a message id is " + LENGTH + " bytes, got " + hash.length());
        }
    }

    public static MessageId of(byte[] payload) {
        return new MessageId(Bytes.of(Multihash.sha256Digest(payload)));
    }

    public static MessageId of(Bytes payload) {
        return new MessageId(Bytes.of(Multihash.sha256Digest(payload)));
    }

    /** Whether this is the id of {@code payload} (its SHA-256); allocates nothing. */
    public boolean matches(Bytes payload) {
        return Multihash.sha256Matches(payload, hash);
    }

    @Override
    public String toString() {
        return hash.toHex().substring(0, 12);
    }
}
