package io.solcial.net.noise;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The {@code HandshakeState} of {@code Noise_XX_25519_ChaChaPoly_SHA256} (Noise spec rev. 34,
 * §5.3 and §7.5), for one side:
 * <pre>
 *   -> e
 *   <- e, ee, s, es
 *   -> s, se
 * </pre>
 * Tokens: {@code e} sends the ephemeral public key in clear and mixes it into {@code h};
 * {@code s} sends the static public key with {@code EncryptAndHash}; {@code ee}, {@code es},
 * {@code se} mix an X25519 result into the chaining key with {@code MixKey}. Every message ends
 * with {@code EncryptAndHash(payload)}. X25519 is BouncyCastle's RFC 7748 implementation; a DH
 * result of all zeros (a low-order public key) fails the handshake, as the spec allows.
 *
 * <p>No I/O and no framing: {@link #writeMessage} returns the message bytes, {@link #readMessage}
 * takes them. After the third message {@link #split()} gives the transport cipher states. Key
 * material (private keys, DH results, chaining key) is wiped by {@link #destroy()} and after
 * {@link #split()}. Not thread-safe.
 */
public final class NoiseXxState {
    /** X25519 key and DH output length. */
    static final int DH_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean initiator;
    private final NoiseSymmetricState symmetric;
    private final SecureRandom random;
    private final byte[] staticPrivate;
    private final byte[] staticPublic = new byte[DH_LENGTH];
    private byte[] ephemeralPrivate;
    private final byte[] ephemeralPublic = new byte[DH_LENGTH];
    private byte[] remoteEphemeral;
    private byte[] remoteStatic;
    /** Index of the next message: 0, 1, 2; 3 once the handshake is complete. */
    private int step;
    private boolean destroyed;

    /** A side with a fresh static key pair and an empty prologue (what noise-libp2p uses). */
    public NoiseXxState(boolean initiator) {
        this(initiator, new byte[0], null, null, RANDOM);
    }

    /**
     * Full control, for tests: {@code staticPrivate} (null: generate) and {@code ephemeralPrivate}
     * (null: generate when the {@code e} token is written) are copied.
     */
    NoiseXxState(boolean initiator, byte[] prologue, byte[] staticPrivate, byte[] ephemeralPrivate, SecureRandom random) {
        this.initiator = initiator;
        this.random = random;
        this.symmetric = new NoiseSymmetricState(NoiseConstants.NOISE_PROTOCOL_NAME);
        symmetric.mixHash(prologue);
        this.staticPrivate = new byte[DH_LENGTH];
        if (staticPrivate != null) {
            System.arraycopy(staticPrivate, 0, this.staticPrivate, 0, DH_LENGTH);
        } else {
            X25519.generatePrivateKey(random, this.staticPrivate);
        }
        X25519.generatePublicKey(this.staticPrivate, 0, staticPublic, 0);
        if (ephemeralPrivate != null) {
            this.ephemeralPrivate = ephemeralPrivate.clone();
        }
    }

    public boolean isInitiator() {
        return initiator;
    }

    /** Whether the next step is ours to write. */
    public boolean isWriteTurn() {
        return !destroyed && step < 3 && (step % 2 == 0) == initiator;
    }

    /** Whether the next step is a message from the remote. */
    public boolean isReadTurn() {
        return !destroyed && step < 3 && (step % 2 == 0) != initiator;
    }

    /** All three messages are done; {@link #split()} may be called. */
    public boolean isComplete() {
        return step == 3;
    }

    public byte[] localStaticPublicKey() {
        return staticPublic.clone();
    }

    /** The remote's static public key once received (msg2 for the initiator, msg3 for the responder), else null. */
    public byte[] remoteStaticPublicKey() {
        return remoteStatic == null ? null : remoteStatic.clone();
    }

    /** The handshake hash {@code h} (the channel binding value once complete). */
    public byte[] handshakeHash() {
        return symmetric.handshakeHash();
    }

    /** {@code WriteMessage(payload)}: the next message, carrying {@code payload} (encrypted from msg2 on). */
    public byte[] writeMessage(byte[] payload) throws GeneralSecurityException {
        if (!isWriteTurn()) {
            throw new IllegalStateException("not our turn to write a noise handshake message (step " + step + ")");
        }
        byte[] out = new byte[2 * DH_LENGTH + 2 * NoiseConstants.TAG_LENGTH + payload.length];
        int n = 0;
        switch (step) {
            case 0 -> n = writeEphemeral(out, n); // -> e
            case 1 -> { // <- e, ee, s, es
                n = writeEphemeral(out, n);
                mixDh(ephemeralPrivate, remoteEphemeral);
                n += symmetric.encryptAndHash(staticPublic, out, n);
                mixDh(staticPrivate, remoteEphemeral);
            }
            default -> { // -> s, se
                n += symmetric.encryptAndHash(staticPublic, out, n);
                mixDh(staticPrivate, remoteEphemeral);
            }
        }
        n += symmetric.encryptAndHash(payload, out, n);
        step++;
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** {@code ReadMessage(message)}: processes the remote's next message and returns its payload. */
    public byte[] readMessage(byte[] message) throws GeneralSecurityException {
        if (!isReadTurn()) {
            throw new IllegalStateException("not our turn to read a noise handshake message (step " + step + ")");
        }
        int n = 0;
        switch (step) {
            case 0 -> n = readEphemeral(message, n); // -> e
            case 1 -> { // <- e, ee, s, es
                n = readEphemeral(message, n);
                mixDh(ephemeralPrivate, remoteEphemeral);
                n = readStatic(message, n);
                mixDh(ephemeralPrivate, remoteStatic);
            }
            default -> { // -> s, se
                n = readStatic(message, n);
                mixDh(ephemeralPrivate, remoteStatic);
            }
        }
        int rest = message.length - n;
        if (symmetric.hasKey() && rest < NoiseConstants.TAG_LENGTH) {
            throw new IllegalArgumentException("noise handshake message too short for its payload tag");
        }
        byte[] payload = symmetric.decryptAndHash(message, n, rest);
        step++;
        return payload;
    }

    private int writeEphemeral(byte[] out, int offset) {
        if (ephemeralPrivate == null) {
            ephemeralPrivate = new byte[DH_LENGTH];
            X25519.generatePrivateKey(random, ephemeralPrivate);
        }
        X25519.generatePublicKey(ephemeralPrivate, 0, ephemeralPublic, 0);
        System.arraycopy(ephemeralPublic, 0, out, offset, DH_LENGTH);
        symmetric.mixHash(ephemeralPublic);
        return offset + DH_LENGTH;
    }

    private int readEphemeral(byte[] message, int offset) {
        if (message.length - offset < DH_LENGTH) {
            throw new IllegalArgumentException("noise handshake message too short for an ephemeral key");
        }
        remoteEphemeral = Arrays.copyOfRange(message, offset, offset + DH_LENGTH);
        symmetric.mixHash(remoteEphemeral);
        return offset + DH_LENGTH;
    }

    private int readStatic(byte[] message, int offset) throws GeneralSecurityException {
        int length = DH_LENGTH + (symmetric.hasKey() ? NoiseConstants.TAG_LENGTH : 0);
        if (message.length - offset < length) {
            throw new IllegalArgumentException("noise handshake message too short for a static key");
        }
        remoteStatic = symmetric.decryptAndHash(message, offset, length);
        return offset + length;
    }

    /** {@code MixKey(DH(privateKey, publicKey))}. */
    private void mixDh(byte[] privateKey, byte[] publicKey) throws GeneralSecurityException {
        byte[] shared = new byte[DH_LENGTH];
        try {
            if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, shared, 0)) {
                throw new GeneralSecurityException("X25519 gave the all-zero result (low-order public key)");
            }
            symmetric.mixKey(shared);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /**
     * {@code Split()}: the transport cipher states of this side, {@code [send, receive]}. Wipes the
     * handshake's secrets; the state cannot be used afterwards.
     */
    public NoiseCipherState[] split() {
        if (!isComplete() || destroyed) {
            throw new IllegalStateException("noise handshake not complete");
        }
        NoiseCipherState[] pair = symmetric.split();
        destroy();
        return initiator ? pair : new NoiseCipherState[] {pair[1], pair[0]};
    }

    /** Wipes the private keys and the symmetric state. Idempotent. */
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        Arrays.fill(staticPrivate, (byte) 0);
        if (ephemeralPrivate != null) {
            Arrays.fill(ephemeralPrivate, (byte) 0);
        }
        symmetric.destroy();
    }
}
