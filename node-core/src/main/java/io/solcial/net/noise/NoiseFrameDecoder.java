package io.solcial.net.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.solcial.net.ProtocolViolationException;
import java.util.List;

/**
 * Splits the inbound byte stream into Noise messages: {@code u16be length || message}. Emits one
 * {@code ByteBuf} per message (without its length). A length above the current limit (the small
 * handshake limit until the handshake is done, then 65535) or a zero length is a protocol
 * violation: the decoder fires it as an exception, closes the channel and discards everything
 * after it. It never holds more than one partial frame plus what one socket read returned.
 */
public final class NoiseFrameDecoder extends ByteToMessageDecoder {
    private int maxFrameLength;
    private boolean failed;

    public NoiseFrameDecoder(int maxFrameLength) {
        maxFrameLength(maxFrameLength);
        // A 65537-byte frame nearly always spans two socket reads; composing the reads instead of
        // merging them saves copying every such read into a new buffer.
        setCumulator(COMPOSITE_CUMULATOR);
    }

    /** Raises or lowers the limit (called on the event loop when the handshake completes). */
    void maxFrameLength(int max) {
        if (max < 1 || max > NoiseConstants.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("frame limit outside 1.." + NoiseConstants.MAX_MESSAGE_LENGTH + ": " + max);
        }
        this.maxFrameLength = max;
    }

    int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 2) {
            return;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (length == 0 || length > maxFrameLength) {
            failed = true;
            in.skipBytes(in.readableBytes());
            ctx.fireExceptionCaught(new ProtocolViolationException(
                    "protocol violation: noise frame length " + length + " outside 1.." + maxFrameLength));
            ctx.close();
            return;
        }
        if (in.readableBytes() < 2 + length) {
            return;
        }
        in.skipBytes(2);
        out.add(in.readRetainedSlice(length));
    }
}
