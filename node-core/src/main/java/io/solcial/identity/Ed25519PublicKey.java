package io.solcial.identity;

import io.solcial.multiformats.Base58;
import io.solcial.multiformats.Bytes;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key: at once the Solana wallet address (base58 of the 32 bytes) and, through
 * the libp2p {@code PublicKey} protobuf, the PeerId.
 */
public record Ed25519PublicKey(Bytes raw) {
    public static final int LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;
    /** libp2p {@code PublicKey} protobuf prefix for Ed25519: Type=1 (Ed25519), Data=32 bytes. */
    private static final byte[] PROTOBUF_PREFIX = {0x08, 0x01, 0x12, 0x20};

    public Ed25519PublicKey {
        if (raw.length() != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + raw.length());
        }
    }

    public static Ed25519PublicKey of(byte[] raw) {
        return new Ed25519PublicKey(Bytes.of(raw));
    }

    /** Parses a Solana address (base58 of the 32-byte key). */
    public static Ed25519PublicKey fromAddress(String address) {
        byte[] raw = Base58.decode(address);
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("a wallet address decodes to 32 bytes, got " + raw.length);
        }
        return of(raw);
    }

    /** Decodes the libp2p {@code PublicKey} protobuf; only Ed25519 keys are accepted. */
    public static Ed25519PublicKey fromProtobuf(byte[] protobuf) {
        if (protobuf.length != PROTOBUF_PREFIX.length + LENGTH) {
            throw new IllegalArgumentException("not an Ed25519 libp2p PublicKey (length " + protobuf.length + ")");
        }
        for (int i = 0; i < PROTOBUF_PREFIX.length; i++) {
            if (protobuf[i] != PROTOBUF_PREFIX[i]) {
                throw new IllegalArgumentException("not an Ed25519 libp2p PublicKey (bad header)");
            }
        }
        return new Ed25519PublicKey(Bytes.of(protobuf, PROTOBUF_PREFIX.length, LENGTH));
    }

    /** The deterministic libp2p {@code PublicKey} protobuf: {@code 08 01 12 20 || key}. */
    public byte[] toProtobuf() {
        byte[] out = new byte[PROTOBUF_PREFIX.length + LENGTH];
        System.arraycopy(PROTOBUF_PREFIX, 0, out, 0, PROTOBUF_PREFIX.length);
        System.arraycopy(raw.toByteArray(), 0, out, PROTOBUF_PREFIX.length, LENGTH);
        return out;
    }

    public byte[] toByteArray() {
        return raw.toByteArray();
    }

    /** The Solana address: base58 of the 32 raw bytes. */
    public String address() {
        return Base58.encode(raw.toByteArray());
    }

    public PeerId peerId() {
        return PeerId.of(this);
    }

    /** RFC 8032 Ed25519 verification; false (never an exception) for a malformed signature. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        return Ed25519.verify(signature, 0, raw.toByteArray(), 0, message, 0, message.length);
    }

    @Override
    public String toString() {
        return address();
    }
}
