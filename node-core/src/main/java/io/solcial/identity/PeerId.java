package io.solcial.identity;

import io.solcial.multiformats.Base58;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.InvalidMultiformatException;
import io.solcial.multiformats.Multicodec;
import io.solcial.multiformats.Multihash;
import java.util.Objects;
import java.util.Optional;

/**
 * A libp2p peer id: the multihash of the peer's {@code PublicKey} protobuf (identity when it is
 * 42 bytes or less, as for Ed25519, else sha2-256). Shown as bare base58btc ({@code 12D3KooW…});
 * the CID form ({@code bafz…}, codec libp2p-key) is parsed too.
 *
 * <p>An immutable value like a record, but a class so that it can keep its hash code: peer ids key
 * the overlay's hot maps and sets (a 10,000-node simulation looks them up hundreds of millions of
 * times), and a record would recompute it through the multihash on every lookup.
 */
public final class PeerId {
    private static final int MAX_INLINE_KEY_LENGTH = 42;

    private final Multihash multihash;
    private final int hash;

    public PeerId(Multihash multihash) {
        this.multihash = Objects.requireNonNull(multihash, "multihash");
        this.hash = multihash.hashCode();
    }

    public Multihash multihash() {
        return multihash;
    }

    public static PeerId of(Ed25519PublicKey key) {
        byte[] proto = key.toProtobuf();
        return new PeerId(proto.length <= MAX_INLINE_KEY_LENGTH ? Multihash.identity(proto) : Multihash.sha256(proto));
    }

    /** Parses the legacy base58 form or the CIDv1 (libp2p-key) form. */
    public static PeerId parse(String text) {
        if (text.startsWith("1") || text.startsWith("Qm")) {
            return new PeerId(Multihash.decode(Base58.decode(text)));
        }
        Cid cid;
        try {
            cid = Cid.parse(text);
        } catch (InvalidMultiformatException e) {
            throw new InvalidMultiformatException("not a peer id: " + text + " (" + e.getMessage() + ")", e);
        }
        if (cid.version() != 1 || cid.codec() != Multicodec.LIBP2P_KEY) {
            throw new InvalidMultiformatException("a peer id CID must have codec libp2p-key: " + text);
        }
        return new PeerId(cid.multihash());
    }

    public static PeerId fromBytes(byte[] multihash) {
        return new PeerId(Multihash.decode(multihash));
    }

    public byte[] toBytes() {
        return multihash.toBytes();
    }

    /** The public key inlined in an identity multihash, when it is an Ed25519 key. */
    public Optional<Ed25519PublicKey> publicKey() {
        if (multihash.code() != Multicodec.IDENTITY) {
            return Optional.empty();
        }
        try {
            return Optional.of(Ed25519PublicKey.fromProtobuf(multihash.digest().toByteArray()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The CIDv1 form, base32: {@code bafz…}. */
    public String toCidString() {
        return Cid.v1(Multicodec.LIBP2P_KEY, multihash).toString();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PeerId other && hash == other.hash && multihash.equals(other.multihash));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Base58.encode(toBytes());
    }
}
