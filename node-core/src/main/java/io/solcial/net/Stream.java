package io.solcial.net;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import java.util.concurrent.CompletableFuture;

/**
 * One multiplexed libp2p stream, after its application protocol was negotiated. Protocol code
 * sees only this (never Netty types). Received data arrives through the {@link StreamHandler}.
 *
 * <p>Flow control both ways: {@link #write} returns a future that completes once the bytes were
 * accepted within the peer's receive window, so a writer that waits for it never outruns a slow
 * reader; {@link #pause()} stops delivery to the handler and stops granting the peer more window,
 * so at most one window of data is buffered per stream.
 */
public interface Stream {

    PeerId remotePeer();

    /** The negotiated protocol id. */
    String protocol();

    /** The connection's remote address. */
    Multiaddr remoteAddress();

    /** Sends {@code data}; the future fails if the stream is reset or closed for writing. */
    CompletableFuture<Void> write(byte[] data);

    /** Half-closes: no more writes from us (yamux FIN); reading goes on. */
    CompletableFuture<Void> closeWrite();

    /** Aborts the stream in both directions (yamux RST). */
    void reset();

    /** Stops delivering received data until {@link #resume()}. */
    void pause();

    void resume();

    /** Completes when the stream is fully closed (both sides) or reset. */
    CompletableFuture<Void> closeFuture();
}
