package io.solcial.net;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A libp2p host: listens on and dials TCP multiaddrs, upgrades every connection (multistream-select
 * → Noise XX → yamux), keeps at most one connection per peer and serves registered protocols on
 * inbound streams.
 */
public interface Host extends AutoCloseable {

    PeerId peerId();

    /** Binds the listen addresses given in the config; port 0 picks a free port. */
    CompletableFuture<Void> start();

    /** The actual listen addresses (with real ports), without {@code /p2p}. */
    List<Multiaddr> listenAddresses();

    /**
     * Connects to {@code address} ({@code /ip4|ip6|dns4|dns6/…/tcp/…[/p2p/ID]}); when it names a
     * peer id the remote must prove it. Returns the existing connection if there is one; concurrent
     * dials to one peer share one attempt.
     */
    CompletableFuture<Connection> connect(Multiaddr address);

    Optional<Connection> connection(PeerId peer);

    List<Connection> connections();

    /** Opens a stream on the existing connection to {@code peer}. */
    CompletableFuture<Stream> newStream(PeerId peer, List<String> protocols, StreamHandler handler);

    void addProtocol(ProtocolHandler protocol);

    Set<String> protocols();

    void addConnectionListener(ConnectionListener listener);

    /** Closes every connection and the listeners. */
    CompletableFuture<Void> stop();

    @Override
    default void close() {
        stop().join();
    }
}
