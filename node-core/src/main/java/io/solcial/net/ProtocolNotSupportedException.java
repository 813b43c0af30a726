package io.solcial.net;

/** The peer answered {@code na} to every protocol we proposed. */
public final class ProtocolNotSupportedException extends NetException {
    private static final long serialVersionUID = 1L;

    public ProtocolNotSupportedException(String message) {
        super(message);
    }
}
