package io.solcial.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.mss.MultistreamSelect;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakExtension.class)
class MultistreamHandlerTest {

    @Test
    void selectsThenPassesLeftoverToTheNextStageAndRemovesItself() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        MultistreamHandler mss = new MultistreamHandler(MultistreamSelect.responder("/noise"::equals), "security",
                protocol -> assertEquals(1, ch.pipeline().names().size() - 1, "still in place while the next stage is installed"));
        ch.pipeline().addLast(mss);
        ByteBuf header = ch.readOutbound();
        assertEquals("/multistream/1.0.0\n", body(header));

        byte[] in = concat(MultistreamSelect.encode("/multistream/1.0.0"), MultistreamSelect.encode("/noise"),
                "leftover".getBytes(StandardCharsets.US_ASCII));
        ch.writeInbound(Unpooled.wrappedBuffer(in));

        assertEquals("/noise", mss.result().get());
        assertEquals("/noise\n", body(ch.readOutbound()));
        ByteBuf leftover = ch.readInbound();
        assertEquals("leftover", leftover.toString(StandardCharsets.US_ASCII));
        leftover.release();
        assertNull(ch.pipeline().get(MultistreamHandler.class));
        assertFalse(ch.finish());
    }

    @Test
    void closesTheChannelWhenNegotiationFails() {
        EmbeddedChannel ch = new EmbeddedChannel();
        MultistreamHandler mss = new MultistreamHandler(MultistreamSelect.initiator(java.util.List.of("/noise")), "security", p -> { });
        ch.pipeline().addLast(mss);
        ch.writeInbound(Unpooled.wrappedBuffer(MultistreamSelect.encode("/not-multistream/9")));
        assertFalse(ch.isOpen());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> mss.result().get());
        assertInstanceOf(ProtocolViolationException.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("protocol violation: multistream-select (security): peer does not speak"));
        ch.finishAndReleaseAll();
    }

    private static String body(ByteBuf message) {
        try {
            byte[] bytes = ByteBufUtil.getBytes(message);
            return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8); // skip the 1-byte length
        } finally {
            message.release();
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
