package io.solcial.net;

/** The peer broke a wire protocol (bad frame, oversize, window violation, bad signature). */
public final class ProtocolViolationException extends NetException {
    private static final long serialVersionUID = 1L;

    public ProtocolViolationException(String message) {
        super(message);
    }

    public ProtocolViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
