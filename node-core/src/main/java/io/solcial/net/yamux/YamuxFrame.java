package io.solcial.net.yamux;

import static io.solcial.net.yamux.YamuxConstants.HEADER_LENGTH;
import static io.solcial.net.yamux.YamuxConstants.TYPE_DATA;
import static io.solcial.net.yamux.YamuxConstants.VERSION;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Objects;

/**
 * One decoded yamux frame. {@code length} is the header's length field: the payload size for
 * Data, the window delta, the ping value or the GoAway code otherwise (unsigned 32 bits).
 * {@code payload} is the Data payload (empty for the other types), a slice of the decrypted
 * input: whoever takes the frame releases it ({@link #release()}), and retains what it keeps.
 */
record YamuxFrame(int type, int flags, int streamId, long length, ByteBuf payload) {
    private static final byte[] NO_DATA = new byte[0];

    YamuxFrame {
        Objects.requireNonNull(payload, "payload");
        if (length < 0 || length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("length out of u32 range: " + length);
        }
    }

    static YamuxFrame control(int type, int flags, int streamId, long length) {
        return new YamuxFrame(type, flags, streamId, length, Unpooled.EMPTY_BUFFER);
    }

    /** Releases the payload. */
    void release() {
        payload.release();
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Writes a header and {@code len} payload bytes of {@code src} into one new buffer. */
    static ByteBuf encode(ByteBufAllocator alloc, int type, int flags, int streamId, long length,
                          byte[] src, int off, int len) {
        ByteBuf out = alloc.buffer(HEADER_LENGTH + len);
        writeHeader(out, type, flags, streamId, type == TYPE_DATA ? len : length);
        if (len > 0) {
            out.writeBytes(src, off, len);
        }
        return out;
    }

    static ByteBuf encodeControl(ByteBufAllocator alloc, int type, int flags, int streamId, long length) {
        return encode(alloc, type, flags, streamId, length, NO_DATA, 0, 0);
    }

    /** Writes the header alone; for Data, {@code length} is the payload length that follows. */
    static ByteBuf encodeHeader(ByteBufAllocator alloc, int type, int flags, int streamId, long length) {
        return writeHeader(alloc.buffer(HEADER_LENGTH), type, flags, streamId, length);
    }

    private static ByteBuf writeHeader(ByteBuf out, int type, int flags, int streamId, long length) {
        out.writeByte(VERSION);
        out.writeByte(type);
        out.writeShort(flags);
        out.writeInt(streamId);
        out.writeInt((int) length);
        return out;
    }

    @Override
    public String toString() {
        return "YamuxFrame[type=" + type + ", flags=" + flags + ", stream=" + Integer.toUnsignedString(streamId)
                + ", length=" + length + "]";
    }
}
