package io.solcial.log;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Cid;
import java.util.List;
import java.util.Objects;

/**
 * One signed entry of a profile log. Its block form (and so its CID) is given by
 * {@link EntryCodec}. A record here is well-formed, not yet trusted: {@link EntryValidator} checks
 * the signature and the entry's place in the log.
 */
public record Entry(Ed25519PublicKey author, List<Cid> prev, long seq, Action action, long timestamp, Params params,
                    Bytes signature) {

    public Entry {
        UnsignedEntry body = new UnsignedEntry(author, prev, seq, action, timestamp, params);
        prev = body.prev();
        Objects.requireNonNull(signature, "signature");
        if (signature.length() != Ed25519PublicKey.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("a signature is 64 bytes, got " + signature.length());
        }
    }

    Entry(UnsignedEntry body, Bytes signature) {
        this(body.author(), body.prev(), body.seq(), body.action(), body.timestamp(), body.params(), signature);
    }

    public UnsignedEntry unsigned() {
        return new UnsignedEntry(author, prev, seq, action, timestamp, params);
    }

    /** True when the signature verifies against the author over {@link UnsignedEntry#signingBytes()}. */
    public boolean verifySignature() {
        return author.verify(unsigned().signingBytes(), signature.toByteArray());
    }
}
