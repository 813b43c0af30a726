package io.solcial.net.noise;

import java.nio.charset.StandardCharsets;

/** Wire limits and names of noise-libp2p (libp2p/specs noise/README.md). */
public final class NoiseConstants {
    /** The multistream-select protocol id of noise-libp2p. */
    public static final String PROTOCOL_ID = "/noise";
    /** The one Noise protocol noise-libp2p uses. */
    public static final String NOISE_PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
    /** A Noise message is at most 65535 bytes (the 2-byte big-endian frame length). */
    public static final int MAX_MESSAGE_LENGTH = 65535;
    /** ChaChaPoly authentication tag appended to every encrypted message. */
    public static final int TAG_LENGTH = 16;
    /** Plaintext per transport message: 65535 - 16. */
    public static final int MAX_PLAINTEXT_LENGTH = MAX_MESSAGE_LENGTH - TAG_LENGTH;
    /**
     * Largest handshake message we accept. The XX messages carry at most two 32-byte keys, two tags
     * and a small protobuf payload (key, signature, muxer list); 8 KiB leaves room for any sane
     * payload while keeping what an unauthenticated peer can make us buffer small.
     */
    public static final int MAX_HANDSHAKE_MESSAGE_LENGTH = 8192;
    /** X25519 public key length. */
    public static final int DH_LENGTH = 32;
    /** Prefix of the signed static-key message. */
    static final byte[] STATIC_KEY_SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.UTF_8);
    /**
     * The transport cipher's nonce is a 64-bit counter and the value 2^64-1 is reserved: a
     * connection is closed once 2^64-1 messages went one way (unsigned; practically unreachable).
     */
    public static final long NONCE_LIMIT = -1L;

    private NoiseConstants() {
    }
}
