package io.solcial.net.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.net.HandshakeFailedException;
import io.solcial.net.NetException;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.proto.Libp2pProto.NoiseExtensions;
import io.solcial.net.proto.Libp2pProto.NoiseHandshakePayload;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Builds and checks the libp2p handshake payload that binds an identity key to a static Noise key. */
final class NoisePayloads {
    private static final String[] KEY_TYPES = {"RSA", "Ed25519", "Secp256k1", "ECDSA"};
    private static final int ED25519 = 1;

    private NoisePayloads() {
    }

    /** Our payload: identity key, its signature over our static key, and muxers if any. */
    static byte[] create(Ed25519KeyPair identity, byte[] localStaticPublicKey, List<String> streamMuxers) {
        NoiseHandshakePayload.Builder payload = NoiseHandshakePayload.newBuilder()
                .setIdentityKey(ByteString.copyFrom(identity.publicKey().toProtobuf()))
                .setIdentitySig(ByteString.copyFrom(identity.sign(signedMessage(localStaticPublicKey))));
        if (!streamMuxers.isEmpty()) {
            payload.setExtensions(NoiseExtensions.newBuilder().addAllStreamMuxers(streamMuxers));
        }
        return payload.build().toByteArray();
    }

    /**
     * Parses the remote payload and checks that its identity key is Ed25519 and signed
     * {@code remoteStaticPublicKey}.
     */
    static NoiseHandshakeResult verify(byte[] payloadBytes, byte[] remoteStaticPublicKey) throws NetException {
        NoiseHandshakePayload payload;
        try {
            payload = NoiseHandshakePayload.parseFrom(payloadBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtocolViolationException("protocol violation: malformed noise handshake payload: " + e.getMessage(), e);
        }
        if (!payload.hasIdentityKey() || !payload.hasIdentitySig()) {
            throw new ProtocolViolationException("protocol violation: noise handshake payload lacks identity key or signature");
        }
        byte[] keyProto = payload.getIdentityKey().toByteArray();
        int type = keyType(keyProto);
        if (type != ED25519) {
            String name = type >= 0 && type < KEY_TYPES.length ? KEY_TYPES[type] : "type " + type;
            throw new HandshakeFailedException("remote identity key is " + name + "; only Ed25519 keys are accepted");
        }
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.fromProtobuf(keyProto);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException("protocol violation: malformed Ed25519 identity key: " + e.getMessage(), e);
        }
        if (!key.verify(signedMessage(remoteStaticPublicKey), payload.getIdentitySig().toByteArray())) {
            throw new ProtocolViolationException("protocol violation: noise identity signature by " + key.peerId()
                    + " does not verify against its static key");
        }
        List<String> muxers = payload.hasExtensions() ? payload.getExtensions().getStreamMuxersList() : List.of();
        return new NoiseHandshakeResult(key, muxers);
    }

    /** The {@code Type} field of a libp2p {@code PublicKey} protobuf. */
    private static int keyType(byte[] keyProto) throws ProtocolViolationException {
        try {
            CodedInputStream in = CodedInputStream.newInstance(keyProto);
            int type = -1;
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (tag == ((1 << 3) | WireFormat.WIRETYPE_VARINT)) {
                    type = in.readEnum();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            if (type < 0) {
                throw new ProtocolViolationException("protocol violation: identity key has no key type");
            }
            return type;
        } catch (IOException e) {
            throw new ProtocolViolationException("protocol violation: malformed identity key: " + e.getMessage(), e);
        }
    }

    static byte[] signedMessage(byte[] staticPublicKey) {
        byte[] prefix = NoiseConstants.STATIC_KEY_SIGNATURE_PREFIX;
        byte[] out = Arrays.copyOf(prefix, prefix.length + staticPublicKey.length);
        System.arraycopy(staticPublicKey, 0, out, prefix.length, staticPublicKey.length);
        return out;
    }
}
