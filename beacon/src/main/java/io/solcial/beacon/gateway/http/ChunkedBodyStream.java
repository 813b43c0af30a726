package io.solcial.beacon.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The body of a streamed response as an {@link OutputStream} for a worker thread: bytes go out
 * in chunks of {@value #CHUNK} bytes. When the socket's buffer is full the writer waits for the
 * client (backpressure), at most {@code stallTimeout} per chunk. {@link #close()} only flushes;
 * {@link #finish()} ends the chunked body.
 */
final class ChunkedBodyStream extends OutputStream {
    static final int CHUNK = 64 * 1024;

    private final Channel channel;
    private final Duration stallTimeout;
    private byte[] buffer = new byte[CHUNK];
    private int length;

    ChunkedBodyStream(Channel channel, Duration stallTimeout) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
    }

    @Override
    public void write(int b) throws IOException {
        if (length == CHUNK) {
            sendChunk();
        }
        buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (length == CHUNK) {
                sendChunk();
            }
            int n = Math.min(len, CHUNK - length);
            System.arraycopy(b, off, buffer, length, n);
            length += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        sendChunk();
    }

    @Override
    public void close() throws IOException {
        sendChunk();
    }

    /** Sends what is buffered and the end of the chunked body, and waits until it is written. */
    void finish() throws IOException {
        sendChunk();
        await(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    private void sendChunk() throws IOException {
        if (length == 0) {
            return;
        }
        if (!channel.isActive()) {
            throw new IOException("the client closed the connection");
        }
        ChannelFuture written = channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(buffer, 0, length)));
        buffer = new byte[CHUNK];
        length = 0;
        if (!channel.isWritable()) {
            await(written);
        }
    }

    private void await(ChannelFuture future) throws IOException {
        try {
            if (!future.await(stallTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the client stopped reading for " + stallTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming a response");
        }
        if (!future.isSuccess()) {
            throw new IOException("write failed: " + future.cause(), future.cause());
        }
    }
}
