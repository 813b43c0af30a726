package io.solcial.net;

/** The connection upgrade (multistream-select, Noise) could not complete; the message says why. */
public final class HandshakeFailedException extends NetException {
    private static final long serialVersionUID = 1L;

    public HandshakeFailedException(String reason) {
        super("handshake failed: " + reason);
    }

    public HandshakeFailedException(String reason, Throwable cause) {
        super("handshake failed: " + reason, cause);
    }
}
