package io.solcial.log;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Cid;
import java.util.List;
import java.util.Objects;

/**
 * Every field of an {@link Entry} except the signature: what the author signs. The compact
 * constructor enforces the per-entry invariants (prev sorted and distinct, seq and timestamp in
 * range, params allowed for the action); the ones that need other entries are the validator's.
 */
public record UnsignedEntry(Ed25519PublicKey author, List<Cid> prev, long seq, Action action, long timestamp,
                            Params params) {

    public UnsignedEntry {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(params, "params");
        prev = List.copyOf(prev);
        checkPrev(prev, seq);
        if (timestamp < 0 || timestamp > LogConstants.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("timestamp out of range: " + timestamp);
        }
        params.check(action);
    }

    private static void checkPrev(List<Cid> prev, long seq) {
        if (prev.size() > LogConstants.MAX_PREV) {
            throw new IllegalArgumentException("more than " + LogConstants.MAX_PREV + " prev links");
        }
        for (int i = 0; i < prev.size(); i++) {
            if (prev.get(i).version() != 1) {
                throw new IllegalArgumentException("prev must be CIDv1");
            }
            if (i > 0 && prev.get(i - 1).compareTo(prev.get(i)) >= 0) {
                throw new IllegalArgumentException("prev must be sorted by CID bytes without duplicates");
            }
        }
        if (seq < 1 || seq > LogConstants.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("seq out of range: " + seq);
        }
        if (prev.isEmpty() != (seq == 1)) {
            throw new IllegalArgumentException(prev.isEmpty()
                    ? "the first entry (no prev) must have seq 1" : "an entry with prev must have seq > 1");
        }
    }

    /** The bytes the author signs: the domain string then the canonical JSON without "signature". */
    public byte[] signingBytes() {
        return EntryCodec.signingBytes(this);
    }

    public Entry sign(Ed25519KeyPair keys) {
        if (!keys.publicKey().equals(author)) {
            throw new IllegalArgumentException("signing key " + keys.publicKey() + " is not the author " + author);
        }
        return new Entry(this, Bytes.of(keys.sign(signingBytes())));
    }
}
