package io.solcial.net;

/**
 * Per-stream callbacks, called on the stream's connection thread, in order, never concurrently.
 * Handlers must not block: hand slow work (disk, heavy crypto) to an executor and use
 * {@link Stream#pause()} / {@link Stream#resume()} for back-pressure.
 */
public interface StreamHandler {

    /** The stream is ready (protocol negotiated); writes may start. */
    default void onOpen(Stream stream) {
    }

    /** Bytes from the peer, in order; framing is the protocol's business. */
    void onData(Stream stream, byte[] data);

    /** The peer closed its side (FIN): no more data will arrive. */
    default void onRemoteClose(Stream stream) {
    }

    /**
     * The stream is over: fully closed, reset by either side, or its connection dropped.
     * {@code cause} is null for a clean close.
     */
    default void onClosed(Stream stream, Throwable cause) {
    }
}
