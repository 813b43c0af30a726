package io.solcial.net.transport;

import java.net.SocketAddress;

/** Receives upgraded inbound connections from a {@link TcpTransport} listener, on the channel's event loop. */
public interface InboundConnectionHandler {

    /** An inbound connection finished its upgrade; the receiver now owns the channel. */
    void secured(SecuredChannel channel);

    /** An inbound connection failed its upgrade (already closed); for logging and metrics. */
    default void failed(SocketAddress remote, Throwable cause) {
    }
}
