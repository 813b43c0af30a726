package io.solcial.net;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What identify told us about a peer. */
public record PeerInfo(PeerId peerId, String agentVersion, String protocolVersion, Set<String> protocols,
                       List<Multiaddr> listenAddresses, Optional<Multiaddr> observedAddress, Instant updatedAt) {
    public PeerInfo {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        protocols = Set.copyOf(protocols);
        listenAddresses = List.copyOf(listenAddresses);
        Objects.requireNonNull(observedAddress, "observedAddress");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
