package io.solcial.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Direction;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.interop.JsHarness;
import io.solcial.net.interop.JsPeer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The upgrade against js-libp2p 3 (@chainsafe/libp2p-noise) both ways, up to the secured +
 * yamux-selected hand-off: Java dialing js selects yamux by multistream-select inside Noise; js
 * dialing Java lists its muxers in msg3, so the muxer is chosen in the handshake. Yamux itself is not spoken here: js's streams and
 * pings go unanswered and js may drop the connection later, which this test does not care about.
 */
@ExtendWith(NettyLeakExtension.class)
class ConnectionUpgraderInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeEach
    void requireNode() {
        JsHarness.requireNode();
    }

    @Test
    void javaDialsJs() throws Exception {
        try (TestPeer java = new TestPeer(); JsPeer js = JsPeer.start()) {
            SecuredChannel out = java.transport.dial(Multiaddr.parse(js.listenAddr())).get(20, TimeUnit.SECONDS);
            assertEquals(js.peerId(), out.remotePeer().toString());
            assertEquals(Direction.OUTBOUND, out.direction());
            js.awaitLine(("connected: " + java.peerId())::equals, TIMEOUT);
            out.channel().close().sync();
        }
    }

    @Test
    void jsDialsJava() throws Exception {
        try (TestPeer java = new TestPeer().listen();
             JsPeer js = JsPeer.start("--listen", "none", "--dial", java.listenAddress + "/p2p/" + java.peerId())) {
            SecuredChannel in = java.nextInbound();
            assertEquals(js.peerId(), in.remotePeer().toString());
            assertEquals(Direction.INBOUND, in.direction());
            js.awaitLine(("connected: " + java.peerId())::equals, TIMEOUT);
            in.channel().close().sync();
        }
    }
}
