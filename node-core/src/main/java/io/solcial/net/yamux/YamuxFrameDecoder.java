package io.solcial.net.yamux;

import static io.solcial.net.yamux.YamuxConstants.HEADER_LENGTH;
import static io.solcial.net.yamux.YamuxConstants.TYPE_DATA;
import static io.solcial.net.yamux.YamuxConstants.TYPE_GO_AWAY;
import static io.solcial.net.yamux.YamuxConstants.VERSION;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.solcial.net.ProtocolViolationException;
import java.util.List;

/**
 * Splits the plaintext byte stream into {@link YamuxFrame}s. Rejects an unknown version or type
 * and a Data frame longer than the receive window its stream has left ({@link DataLimit}), as
 * soon as the header arrives: so it never buffers more than one window plus a header. After the
 * first error it discards all further input (the session closes the connection).
 */
final class YamuxFrameDecoder extends ByteToMessageDecoder {

    /** How many Data payload bytes the peer may send on a stream right now. */
    interface DataLimit {
        long maxDataLength(int streamId, int flags);
    }

    private final DataLimit limit;
    private boolean failed;

    YamuxFrameDecoder(DataLimit limit) {
        this.limit = limit;
        // A 64 KiB Data frame spans two Noise messages; compose them rather than copy them into one.
        setCumulator(COMPOSITE_CUMULATOR);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int version = in.getUnsignedByte(start);
        int type = in.getUnsignedByte(start + 1);
        int flags = in.getUnsignedShort(start + 2);
        int streamId = in.getInt(start + 4);
        long length = in.getUnsignedInt(start + 8);
        if (version != VERSION) {
            throw fail(in, "unsupported yamux version " + version);
        }
        if (type > TYPE_GO_AWAY) {
            throw fail(in, "unknown yamux frame type " + type);
        }
        if (type != TYPE_DATA) {
            in.skipBytes(HEADER_LENGTH);
            out.add(YamuxFrame.control(type, flags, streamId, length));
            return;
        }
        long allowed = limit.maxDataLength(streamId, flags);
        if (length > allowed) {
            throw fail(in, "window violation on stream " + Integer.toUnsignedString(streamId) + ": "
                    + length + " bytes, window " + allowed);
        }
        if (in.readableBytes() < HEADER_LENGTH + length) {
            return;
        }
        in.skipBytes(HEADER_LENGTH);
        out.add(new YamuxFrame(type, flags, streamId, length, in.readRetainedSlice((int) length)));
    }

    private ProtocolViolationException fail(ByteBuf in, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new ProtocolViolationException(message);
    }

    /** Feeds bytes that arrived before this decoder was installed (the upgrade's leftover). */
    void feed(ChannelHandlerContext ctx, ByteBuf leftover) throws Exception {
        channelRead(ctx, leftover);
        channelReadComplete(ctx);
    }
}
