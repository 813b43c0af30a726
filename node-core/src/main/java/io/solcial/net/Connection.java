package io.solcial.net;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A secured, multiplexed connection to one authenticated peer. */
public interface Connection {

    PeerId remotePeer();

    /** The peer's address as we see it (its observed address). */
    Multiaddr remoteAddress();

    Multiaddr localAddress();

    Direction direction();

    boolean isOpen();

    /**
     * Opens a stream and negotiates the first of {@code protocols} the peer supports; the future
     * fails with {@link ProtocolNotSupportedException} when it supports none.
     */
    CompletableFuture<Stream> newStream(List<String> protocols, StreamHandler handler);

    /** Closes the connection (yamux GoAway, then TCP close). */
    CompletableFuture<Void> close();

    CompletableFuture<Void> closeFuture();
}
