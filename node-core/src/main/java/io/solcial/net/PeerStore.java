package io.solcial.net;

import io.solcial.identity.PeerId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The peers we know, as identify describes them. Thread-safe. */
public final class PeerStore {
    private final Map<PeerId, PeerInfo> peers = new ConcurrentHashMap<>();

    public void put(PeerInfo info) {
        peers.put(info.peerId(), info);
    }

    public Optional<PeerInfo> get(PeerId peer) {
        return Optional.ofNullable(peers.get(peer));
    }

    public Collection<PeerInfo> all() {
        return peers.values();
    }

    public void remove(PeerId peer) {
        peers.remove(peer);
    }
}
