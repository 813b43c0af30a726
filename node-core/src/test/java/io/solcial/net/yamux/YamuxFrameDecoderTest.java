package io.solcial.net.yamux;

import io.solcial.net.NettyLeakExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static io.solcial.net.yamux.YamuxConstants.FLAG_SYN;
import static io.solcial.net.yamux.YamuxConstants.TYPE_DATA;
import static io.solcial.net.yamux.YamuxConstants.TYPE_PING;
import static io.solcial.net.yamux.YamuxConstants.TYPE_WINDOW_UPDATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.solcial.net.ProtocolViolationException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@ExtendWith(NettyLeakExtension.class)
class YamuxFrameDecoderTest {
    private static final HexFormat HEX = HexFormat.of();



    private static EmbeddedChannel channel(long window) {
        return new EmbeddedChannel(new YamuxFrameDecoder((id, flags) -> window));
    }

    @Test
    void encodesTheHeaderBigEndianAsTheSpecLaysItOut() {
        ByteBuf b = YamuxFrame.encodeControl(ByteBufAllocator.DEFAULT, TYPE_WINDOW_UPDATE, FLAG_SYN, 3, 0x40000);
        try {
            assertEquals("000100010000000300040000", io.netty.buffer.ByteBufUtil.hexDump(b));
        } finally {
            b.release();
        }
    }

    @Test
    void decodesFramesSplitAtEveryByte() {
        EmbeddedChannel ch = channel(1 << 20);
        ByteBuf a = YamuxFrame.encode(ByteBufAllocator.DEFAULT, TYPE_DATA, FLAG_SYN, 5, 0, new byte[] {1, 2, 3}, 0, 3);
        ByteBuf p = YamuxFrame.encodeControl(ByteBufAllocator.DEFAULT, TYPE_PING, FLAG_SYN, 0, 0xDEADBEEFL);
        ByteBuf all = Unpooled.wrappedBuffer(a, p);
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(1));
        }
        all.release();
        YamuxFrame d = ch.readInbound();
        assertEquals(TYPE_DATA, d.type());
        assertEquals(5, d.streamId());
        assertArrayEquals(new byte[] {1, 2, 3}, io.netty.buffer.ByteBufUtil.getBytes(d.payload()));
        d.release();
        YamuxFrame ping = ch.readInbound();
        assertEquals(0xDEADBEEFL, ping.length());
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void rejectsAnUnknownVersion() {
        EmbeddedChannel ch = channel(1 << 20);
        DecoderException e = assertThrows(DecoderException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("010200010000000000000001"))));
        assertInstanceOf(ProtocolViolationException.class, e.getCause());
        ch.finishAndReleaseAll();
    }

    @Test
    void rejectsAnUnknownType() {
        EmbeddedChannel ch = channel(1 << 20);
        DecoderException e = assertThrows(DecoderException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("000400000000000000000000"))));
        assertInstanceOf(ProtocolViolationException.class, e.getCause());
        ch.finishAndReleaseAll();
    }

    @Test
    void rejectsDataBeyondTheWindowAsSoonAsTheHeaderArrives() {
        EmbeddedChannel ch = channel(100);
        // Header announces 101 bytes; none of the payload is needed to refuse it.
        DecoderException e = assertThrows(DecoderException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("000000000000000100000065"))));
        assertInstanceOf(ProtocolViolationException.class, e.getCause());
        ch.finishAndReleaseAll();
    }

    @Test
    void acceptsDataExactlyFillingTheWindow() {
        EmbeddedChannel ch = channel(4);
        ch.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("00000000000000010000000401020304")));
        YamuxFrame f = ch.readInbound();
        assertEquals(4, f.payload().readableBytes());
        f.release();
        assertFalse(ch.finish());
    }

}
