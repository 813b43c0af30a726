package io.solcial.net.noise;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import java.util.List;
import java.util.Objects;

/**
 * What a completed Noise XX handshake proved: the remote's identity key (its signature over the
 * remote's static Noise key verified) and the stream muxers it advertised in its payload (empty
 * when it sent no extensions).
 */
public record NoiseHandshakeResult(Ed25519PublicKey remoteKey, List<String> remoteStreamMuxers) {
    public NoiseHandshakeResult {
        Objects.requireNonNull(remoteKey, "remoteKey");
        remoteStreamMuxers = List.copyOf(remoteStreamMuxers);
    }

    public PeerId remotePeer() {
        return remoteKey.peerId();
    }
}
