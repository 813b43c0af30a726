package io.solcial.net;

import java.time.Duration;

/** The connection upgrade did not finish within its time limit. */
public final class HandshakeTimeoutException extends NetException {
    private static final long serialVersionUID = 1L;

    public HandshakeTimeoutException(Duration limit) {
        super("handshake timed out after " + limit.toMillis() + " ms");
    }
}
