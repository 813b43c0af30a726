package io.solcial.net;

/** A network operation failed: unreachable, handshake failed, wrong peer, timeout, refused. */
public class NetException extends Exception {
    private static final long serialVersionUID = 1L;

    public NetException(String message) {
        super(message);
    }

    public NetException(String message, Throwable cause) {
        super(message, cause);
    }
}
