package io.solcial.net.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.ProtocolViolationException;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakExtension.class)
class NoiseTransportCodecTest {
    private NoiseCipherState[] initiator;
    private NoiseCipherState[] responder;

    /** Runs an XX handshake in memory (no libp2p payloads) to get matching cipher pairs. */
    @BeforeEach
    void handshake() throws Exception {
        NoiseXxState i = new NoiseXxState(true);
        NoiseXxState r = new NoiseXxState(false);
        r.readMessage(i.writeMessage(new byte[0]));
        i.readMessage(r.writeMessage(new byte[0]));
        r.readMessage(i.writeMessage(new byte[0]));
        initiator = i.split();
        responder = r.split();
    }

    private EmbeddedChannel sender() {
        return new EmbeddedChannel(new NoiseTransportCodec(initiator[0], initiator[1]));
    }

    private EmbeddedChannel receiver() {
        return new EmbeddedChannel(new NoiseFrameDecoder(NoiseConstants.MAX_MESSAGE_LENGTH),
                new NoiseTransportCodec(responder[0], responder[1]));
    }

    @Test
    void splitsWritesIntoFramesOfAtMost65519PlaintextBytes() throws Exception {
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        EmbeddedChannel out = sender();
        EmbeddedChannel in = receiver();
        ChannelFuture written = out.writeAndFlush(Unpooled.wrappedBuffer(data));
        assertTrue(written.isSuccess());

        int frames = 0;
        ByteBuf frame;
        while ((frame = out.readOutbound()) != null) {
            frames++;
            int length = frame.getUnsignedShort(0);
            assertEquals(frame.readableBytes() - 2, length);
            assertTrue(length <= NoiseConstants.MAX_MESSAGE_LENGTH);
            in.writeInbound(frame);
        }
        assertEquals(4, frames); // 3 × 65519 + 3443

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteBuf chunk;
        while ((chunk = in.readInbound()) != null) {
            chunk.readBytes(plain, chunk.readableBytes());
            chunk.release();
        }
        assertArrayEquals(data, plain.toByteArray());
        assertFalse(out.finish());
        assertFalse(in.finish());
    }

    @Test
    void writesBetweenTwoFlushesShareOneFrameAndCompleteWhenItIsWritten() throws Exception {
        EmbeddedChannel out = sender();
        EmbeddedChannel in = receiver();
        ChannelFuture header = out.write(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        ChannelFuture payload = out.write(Unpooled.wrappedBuffer(new byte[] {4, 5}));
        assertFalse(header.isDone(), "nothing is written before the flush");
        assertNull(out.readOutbound());
        out.flush();
        assertTrue(header.isSuccess());
        assertTrue(payload.isSuccess());
        ByteBuf frame = out.readOutbound();
        assertNull(out.readOutbound(), "one frame for both writes");
        assertEquals(2 + 5 + NoiseConstants.TAG_LENGTH, frame.readableBytes());
        in.writeInbound(frame);
        ByteBuf plain = in.readInbound();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, io.netty.buffer.ByteBufUtil.getBytes(plain));
        plain.release();
        assertFalse(out.finish());
        assertFalse(in.finish());
    }

    @Test
    void closesOnATamperedFrame() {
        EmbeddedChannel out = sender();
        EmbeddedChannel in = receiver();
        out.writeAndFlush(Unpooled.wrappedBuffer(new byte[100]));
        ByteBuf frame = out.readOutbound();
        frame.setByte(10, frame.getByte(10) ^ 1);
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class, () -> in.writeInbound(frame));
        assertEquals("protocol violation: noise transport message failed authentication", e.getMessage());
        assertFalse(in.isOpen());
        assertNull(in.readInbound());
        out.finishAndReleaseAll();
    }

    @Test
    void closesOnAFrameShorterThanItsTag() {
        EmbeddedChannel in = receiver();
        assertThrows(ProtocolViolationException.class,
                () -> in.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3})));
        assertFalse(in.isOpen());
    }

    @Test
    void closesBeforeTheSendNonceRunsOut() {
        EmbeddedChannel out = new EmbeddedChannel(new NoiseTransportCodec(initiator[0], initiator[1], 2));
        assertTrue(out.writeAndFlush(Unpooled.wrappedBuffer(new byte[10])).isSuccess());
        assertTrue(out.writeAndFlush(Unpooled.wrappedBuffer(new byte[10])).isSuccess());
        ChannelFuture third = out.writeAndFlush(Unpooled.wrappedBuffer(new byte[10]));
        assertFalse(third.isSuccess());
        assertEquals("protocol violation: noise send nonce exhausted", third.cause().getMessage());
        assertFalse(out.isOpen());
        out.finishAndReleaseAll();
    }

    @Test
    void frameDecoderRejectsALengthAboveItsLimitWithoutBuffering() {
        EmbeddedChannel in = new EmbeddedChannel(new NoiseFrameDecoder(NoiseConstants.MAX_HANDSHAKE_MESSAGE_LENGTH));
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                () -> in.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x20, 0x01, 0})));
        assertEquals("protocol violation: noise frame length 8193 outside 1..8192", e.getMessage());
        assertFalse(in.isOpen());
        assertFalse(in.finishAndReleaseAll());
    }

    @Test
    void frameDecoderReassemblesSplitFrames() {
        EmbeddedChannel in = new EmbeddedChannel(new NoiseFrameDecoder(100));
        assertFalse(in.writeInbound(Unpooled.wrappedBuffer(new byte[] {0})));
        assertFalse(in.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 'a', 'b'})));
        assertTrue(in.writeInbound(Unpooled.wrappedBuffer(new byte[] {'c', 0, 1, 'd'})));
        ByteBuf first = in.readInbound();
        ByteBuf second = in.readInbound();
        assertEquals("abc", first.toString(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("d", second.toString(java.nio.charset.StandardCharsets.US_ASCII));
        first.release();
        second.release();
        assertFalse(in.finish());
    }
}
