package io.solcial.net.yamux;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Direction;
import io.solcial.net.transport.SecuredChannel;
import io.solcial.net.transport.TcpAddresses;
import java.net.SocketAddress;

/**
 * Installs yamux on a secured channel. The dialer ({@link Direction#OUTBOUND}) is the yamux
 * client (odd stream ids), the listener the server (even ids).
 */
public final class YamuxMuxer {
    private YamuxMuxer() {
    }

    /**
     * Adds the frame decoder and the session at the pipeline's tail, feeds {@code sc.leftover()}
     * first (on the channel's event loop), and returns the connection. Calls made on it before the
     * handlers are in place queue behind their installation.
     */
    public static YamuxConnection install(SecuredChannel sc, YamuxConfig config,
                                                             InboundProtocols protocols) {
        Channel ch = sc.channel();
        YamuxSession session = new YamuxSession(ch, config, protocols, sc.direction() == Direction.OUTBOUND,
                sc.remotePeer(), multiaddr(ch.remoteAddress()));
        YamuxConnection connection = new YamuxConnection(ch, session, sc.direction(), sc.remotePeer(),
                multiaddr(ch.remoteAddress()), multiaddr(ch.localAddress()));
        Runnable add = () -> {
            try {
                ChannelPipeline p = ch.pipeline();
                YamuxFrameDecoder decoder = new YamuxFrameDecoder(session);
                p.addLast("yamux-decoder", decoder);
                p.addLast("yamux-session", session);
                if (sc.leftover().length > 0) {
                    decoder.feed(p.context(decoder), Unpooled.wrappedBuffer(sc.leftover()));
                }
                ch.config().setAutoRead(true);
                ch.read();
            } catch (Exception e) {
                ch.close();
            }
        };
        if (ch.eventLoop().inEventLoop()) {
            add.run();
        } else {
            ch.eventLoop().execute(add);
        }
        return connection;
    }

    /** {@code /ip4|ip6/<addr>/tcp/<port>} for a TCP socket address; empty for anything else. */
    static Multiaddr multiaddr(SocketAddress address) {
        return TcpAddresses.toMultiaddr(address);
    }

}
