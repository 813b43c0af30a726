package io.solcial.net.yamux;

import io.solcial.net.NettyLeakExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static io.solcial.net.yamux.YamuxConstants.FLAG_SYN;
import static io.solcial.net.yamux.YamuxConstants.TYPE_PING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Direction;
import io.solcial.net.transport.SecuredChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ExtendWith(NettyLeakExtension.class)
class YamuxMuxerTest {



    @Test
    void processesTheUpgradesLeftoverBytesFirst() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ByteBuf ping = YamuxFrame.encodeControl(ByteBufAllocator.DEFAULT, TYPE_PING, FLAG_SYN, 0, 77);
        byte[] leftover = ByteBufUtil.getBytes(ping);
        ping.release();
        YamuxConfig cfg = YamuxConfig.defaults().withKeepalive(Duration.ZERO, Duration.ofSeconds(1));
        YamuxConnection c = YamuxMuxer.install(
                new SecuredChannel(ch, Direction.INBOUND, YamuxTestNet.CLIENT_KEY.publicKey(), leftover),
                cfg, InboundProtocols.none());
        ch.runPendingTasks();
        ByteBuf pong = ch.readOutbound();
        try {
            assertEquals("00020002000000000000004d", ByteBufUtil.hexDump(pong));
        } finally {
            pong.release();
        }
        assertEquals(YamuxTestNet.CLIENT_KEY.peerId(), c.remotePeer());
        assertTrue(c.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void buildsTcpMultiaddrsFromSocketAddresses() {
        assertEquals(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"),
                YamuxMuxer.multiaddr(new InetSocketAddress("127.0.0.1", 4001)));
        assertEquals(Multiaddr.parse("/ip6/::1/tcp/80"), YamuxMuxer.multiaddr(new InetSocketAddress("::1", 80)));
        assertTrue(YamuxMuxer.multiaddr(new io.netty.channel.local.LocalAddress("x")).isEmpty());
    }
}
