package io.solcial.net.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.PeerIdMismatchException;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.ProtocolNotSupportedException;
import io.solcial.net.Stream;
import io.solcial.net.transport.ConnectionUpgrader;
import io.solcial.net.transport.SecuredChannel;
import io.solcial.net.transport.TcpTransport;
import io.solcial.net.transport.TcpTransportConfig;
import io.solcial.net.yamux.YamuxConfig;
import io.solcial.net.yamux.YamuxTestAccess;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input against a whole {@link Libp2pHost}: each case ends only the offending stream or
 * connection, and a healthy peer connected beforehand still pings the host on its connection
 * afterwards. Frame-level cases (bad yamux frames, window violations, truncated or oversized Noise
 * frames, bad signatures) are covered in the yamux, noise and transport tests; these add the host.
 */
@ExtendWith(NettyLeakExtension.class)
class HostBadInputTest {
    private static final String HOLD = "/solcial-test/hold/1.0.0";

    private final List<Libp2pHost> hosts = new ArrayList<>();
    private Libp2pHost server;
    private Libp2pHost healthy;
    private Connection healthyConnection;

    @AfterEach
    void stopHosts() {
        hosts.forEach(h -> h.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    private Libp2pHost host(HostConfig config) {
        Libp2pHost h = new Libp2pHost(Ed25519KeyPair.generate(), config, Clock.systemUTC());
        h.start().orTimeout(10, TimeUnit.SECONDS).join();
        hosts.add(h);
        return h;
    }

    private static Multiaddr addressOf(Libp2pHost h) {
        return h.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + h.peerId()));
    }

    /** A server allowing 4 inbound streams per connection, serving a protocol whose streams stay open. */
    @BeforeEach
    void serverWithAHealthyPeer() throws Exception {
        YamuxConfig small = YamuxConfig.defaults().withStreamLimits(4, 64);
        server = host(HostConfig.defaults().withYamux(small));
        server.addProtocol(new ProtocolHandler(HOLD, () -> (s, d) -> { }));
        healthy = host(HostConfig.defaults());
        healthyConnection = healthy.connect(addressOf(server)).get(10, TimeUnit.SECONDS);
        assertStillServing();
    }

    private void assertStillServing() throws Exception {
        Duration rtt = healthy.ping().ping(healthy, server.peerId(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertTrue(rtt.toNanos() > 0);
        assertTrue(healthyConnection.isOpen());
        assertEquals(healthyConnection, healthy.connection(server.peerId()).orElseThrow(), "the same connection");
    }

    @Test
    void unknownProtocolFailsThatStreamOnly() throws Exception {
        Libp2pHost client = host(HostConfig.defaults());
        Connection c = client.connect(addressOf(server)).get(10, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> c.newStream(List.of("/no/such/protocol/1.0.0"), (s, d) -> { }).get(10, TimeUnit.SECONDS));
        assertInstanceOf(ProtocolNotSupportedException.class, e.getCause());
        assertTrue(c.isOpen());
        client.ping().ping(client, server.peerId(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertStillServing();
    }

    @Test
    void streamsPastTheInboundLimitAreRefusedAndTheConnectionSurvives() throws Exception {
        Libp2pHost client = host(HostConfig.defaults());
        Connection c = client.connect(addressOf(server)).get(10, TimeUnit.SECONDS);
        // Let the identify exchange of the new connection finish, so only our streams count.
        assertTrue(waitFor(() -> server.peerStore().get(client.peerId()).isPresent()
                && client.peerStore().get(server.peerId()).isPresent()));
        List<Stream> held = new ArrayList<>();
        ExecutionException refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            try {
                held.add(c.newStream(List.of(HOLD), (s, d) -> { }).get(10, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                refused = e;
            }
        }
        assertTrue(refused != null, "a stream past the limit is refused");
        assertTrue(refused.getCause().getMessage().contains("reset"), refused.getCause().toString());
        assertEquals(4, held.size(), "exactly the limit of streams was accepted (identify streams closed)");
        Connection atServer = server.connection(client.peerId()).orElseThrow();
        assertTrue(YamuxTestAccess.refusedStreams(atServer) >= 1);
        assertTrue(c.isOpen() && atServer.isOpen(), "the flooding connection itself survives");
        // Held streams still work, and freeing one makes room again.
        held.get(0).reset();
        assertTrue(waitFor(() -> {
            try {
                client.ping().ping(client, server.peerId(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }), "a freed slot is usable again");
        assertStillServing();
    }

    @Test
    void garbageAfterTheHandshakeClosesThatConnectionOnly() throws Exception {
        Ed25519KeyPair rawKey = Ed25519KeyPair.generate();
        try (TcpTransport raw = new TcpTransport(new ConnectionUpgrader(rawKey, Duration.ofSeconds(10)),
                TcpTransportConfig.defaults())) {
            SecuredChannel sc = raw.dial(addressOf(server)).get(10, TimeUnit.SECONDS);
            assertEquals(server.peerId(), sc.remotePeer());
            sc.channel().eventLoop().submit(() -> {
                sc.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                    }
                });
                sc.channel().config().setAutoRead(true);
            }).get(5, TimeUnit.SECONDS);
            // Inside Noise: a "yamux header" with version 0x47 and then text.
            byte[] junk = "GET / HTTP/1.1\r\nHost: solcial\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            sc.channel().writeAndFlush(Unpooled.wrappedBuffer(junk));
            assertTrue(sc.channel().closeFuture().await(10, TimeUnit.SECONDS), "the host closed the connection");
            assertTrue(waitFor(() -> server.connection(rawKey.peerId()).isEmpty()));
        }
        assertStillServing();
    }

    @Test
    void garbageBeforeTheHandshakeClosesThatConnectionOnly() throws Exception {
        InetSocketAddress address = server.listenAddresses().get(0).tcpSocketAddress().orElseThrow();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            // 'G' reads as a 71-byte multistream message; send enough for it to be judged.
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: solcial\r\n\r\n".repeat(4).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertTrue(readsToEof(socket.getInputStream()), "the host closed the connection");
        }
        assertStillServing();
    }

    @Test
    void aPeerIdOtherThanTheDialedOneFailsTheDialClearly() throws Exception {
        Libp2pHost client = host(HostConfig.defaults());
        Ed25519KeyPair someoneElse = Ed25519KeyPair.generate();
        Multiaddr wrong = server.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + someoneElse.peerId()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(wrong).get(10, TimeUnit.SECONDS));
        PeerIdMismatchException mismatch = assertInstanceOf(PeerIdMismatchException.class, e.getCause());
        assertTrue(mismatch.getMessage().contains("peer id mismatch"), mismatch.getMessage());
        assertEquals(someoneElse.peerId(), mismatch.expected());
        assertEquals(server.peerId(), mismatch.actual());
        assertTrue(client.connections().isEmpty(), "no connection kept");
        assertTrue(waitFor(() -> server.connection(client.peerId()).isEmpty()), "the server dropped it too");
        // The right id connects fine afterwards.
        client.connect(addressOf(server)).get(10, TimeUnit.SECONDS);
        client.ping().ping(client, server.peerId(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertStillServing();
    }

    private static boolean readsToEof(InputStream in) throws Exception {
        byte[] buf = new byte[4096];
        try {
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketException e) {
            return true; // reset by the host: closed as well
        }
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
