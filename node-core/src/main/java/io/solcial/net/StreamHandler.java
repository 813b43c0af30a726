package io.solcial.net;

import java.nio.ByteBuffer;

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

    /**
     * Bytes from the peer, in order, without a copy: {@code data}'s remaining bytes are valid only
     * during this call (the stack reuses the memory afterwards), so read them here and neither
     * keep nor modify the buffer. Bulk readers override this; the default copies the bytes into a
     * new array for {@link #onData(Stream, byte[])}. The stack calls only this method.
     */
    default void onData(Stream stream, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        onData(stream, copy);
    }

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
