package io.solcial.net.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.net.Direction;
import io.solcial.net.HandshakeFailedException;
import io.solcial.net.HandshakeTimeoutException;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.PeerIdMismatchException;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.noise.NoiseFrameDecoder;
import io.solcial.net.noise.NoiseTransportCodec;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Java ↔ Java over loopback TCP: mss /noise → Noise XX → mss /yamux/1.0.0, and misbehaving peers. */
@ExtendWith(NettyLeakExtension.class)
class ConnectionUpgraderTest {
    private TestPeer listener;
    private TestPeer dialer;

    @BeforeEach
    void start() throws Exception {
        listener = new TestPeer(Duration.ofMillis(1500)).listen();
        dialer = new TestPeer();
    }

    @AfterEach
    void stop() {
        dialer.close();
        listener.close();
    }

    @Test
    void upgradesBothWaysWithTheRightPeerIds() throws Exception {
        SecuredChannel out = dialer.transport.dial(listener.addressWithPeer(listener.peerId())).get(10, TimeUnit.SECONDS);
        SecuredChannel in = listener.nextInbound();

        assertEquals(listener.peerId(), out.remotePeer());
        assertEquals(dialer.peerId(), in.remotePeer());
        assertEquals(Direction.OUTBOUND, out.direction());
        assertEquals(Direction.INBOUND, in.direction());
        assertEquals(List.of(NoiseFrameDecoder.class, NoiseTransportCodec.class), handlerTypes(out.channel()));
        assertEquals(List.of(NoiseFrameDecoder.class, NoiseTransportCodec.class), handlerTypes(in.channel()));
        assertFalse(out.channel().config().isAutoRead(), "the muxer turns reading on");
        out.channel().close().sync();
    }

    @Test
    void dialsWithoutAnExpectedPeerId() throws Exception {
        SecuredChannel out = dialer.transport.dial(listener.listenAddress).get(10, TimeUnit.SECONDS);
        assertEquals(listener.peerId(), out.remotePeer());
        assertEquals(dialer.peerId(), listener.nextInbound().remotePeer());
        out.channel().close().sync();
    }

    @Test
    void carries10MiBOfPlaintextIntactBothWays() throws Exception {
        SecuredChannel out = dialer.transport.dial(listener.addressWithPeer(listener.peerId())).get(10, TimeUnit.SECONDS);
        SecuredChannel in = listener.nextInbound();
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(data);

        // listener echoes every plaintext buffer; dialer collects the echo
        attach(in, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.writeAndFlush(msg);
            }
        });
        CompletableFuture<byte[]> echoed = new CompletableFuture<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        attach(out, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                ByteBuf buf = (ByteBuf) msg;
                try {
                    buf.readBytes(received, buf.readableBytes());
                } finally {
                    buf.release();
                }
                if (received.size() >= data.length) {
                    echoed.complete(received.toByteArray());
                }
            }
        });
        for (int off = 0; off < data.length; off += 200_000) { // bigger than one Noise frame
            out.channel().write(Unpooled.wrappedBuffer(data, off, Math.min(200_000, data.length - off)));
        }
        out.channel().flush();

        assertArrayEquals(data, echoed.get(30, TimeUnit.SECONDS));
        out.channel().close().sync();
    }

    @Test
    void closesAPeerThatSendsGarbageAndKeepsServing() throws Exception {
        try (RawPeer raw = new RawPeer(listener.socketAddress())) {
            raw.send(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 'x', 'y'});
            assertTrue(raw.closedByRemote());
        }
        Throwable failure = listener.nextFailure();
        assertInstanceOf(ProtocolViolationException.class, failure);
        assertTrue(failure.getMessage().startsWith("protocol violation: multistream-select"), failure.getMessage());
        assertStillServing();
    }

    @Test
    void failsOnATruncatedNoiseFrameThenClose() throws Exception {
        try (RawPeer raw = new RawPeer(listener.socketAddress())) {
            raw.selectNoise();
            raw.send(new byte[] {0x00, 0x20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        }
        Throwable failure = listener.nextFailure();
        assertInstanceOf(HandshakeFailedException.class, failure);
        assertEquals("handshake failed: connection closed during the noise handshake", failure.getMessage());
        assertStillServing();
    }

    @Test
    void rejectsAnOversizedFrameLengthAtOnce() throws Exception {
        try (RawPeer raw = new RawPeer(listener.socketAddress())) {
            raw.selectNoise();
            raw.send(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3}); // announces 65535 handshake bytes
            assertTrue(raw.closedByRemote());
        }
        Throwable failure = listener.nextFailure();
        assertInstanceOf(ProtocolViolationException.class, failure);
        assertEquals("protocol violation: noise frame length 65535 outside 1..8192", failure.getMessage());
        assertStillServing();
    }

    @Test
    void rejectsAHandshakeSignatureThatDoesNotVerify() throws Exception {
        Ed25519KeyPair identity = Ed25519KeyPair.generate();
        try (RawPeer raw = new RawPeer(listener.socketAddress())) {
            raw.selectNoise();
            // signs 32 zero bytes instead of our real static key
            raw.noiseWithPayload(staticKey -> RawPeer.payload(identity.publicKey().toProtobuf(),
                    RawPeer.signWith(identity, new byte[32])));
            assertTrue(raw.closedByRemote());
        }
        Throwable failure = listener.nextFailure();
        assertInstanceOf(ProtocolViolationException.class, failure);
        assertTrue(failure.getMessage().startsWith("protocol violation: noise identity signature by " + identity.peerId()),
                failure.getMessage());
        assertStillServing();
    }

    @Test
    void rejectsANonEd25519IdentityKey() throws Exception {
        try (RawPeer raw = new RawPeer(listener.socketAddress())) {
            raw.selectNoise();
            byte[] rsaKey = {0x08, 0x00, 0x12, 0x04, 1, 2, 3, 4}; // PublicKey{Type=RSA, Data=4 bytes}
            raw.noiseWithPayload(staticKey -> RawPeer.payload(rsaKey, new byte[64]));
            assertTrue(raw.closedByRemote());
        }
        Throwable failure = listener.nextFailure();
        assertEquals("handshake failed: remote identity key is RSA; only Ed25519 keys are accepted", failure.getMessage());
        assertStillServing();
    }

    @Test
    void failsWhenTheRemoteIsNotTheExpectedPeer() throws Exception {
        Ed25519KeyPair someoneElse = Ed25519KeyPair.generate();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> dialer.transport.dial(listener.addressWithPeer(someoneElse.peerId())).get(10, TimeUnit.SECONDS));
        assertInstanceOf(PeerIdMismatchException.class, e.getCause());
        assertEquals("peer id mismatch: expected " + someoneElse.peerId() + ", got " + listener.peerId(), e.getCause().getMessage());
        listener.nextFailure(); // the listener saw the dialer hang up mid-handshake
        assertStillServing();
    }

    @Test
    void timesOutAListenerSidePeerThatSendsNothing() throws Exception {
        try (RawPeer raw = new RawPeer(listener.socketAddress())) {
            long start = System.nanoTime();
            assertTrue(raw.closedByRemote());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1000), "closed by the timeout, not earlier");
        }
        Throwable failure = listener.nextFailure();
        assertInstanceOf(HandshakeTimeoutException.class, failure);
        assertEquals("handshake timed out after 1500 ms", failure.getMessage());
        assertStillServing();
    }

    @Test
    void timesOutADialToAPeerThatSendsNothing() throws Exception {
        try (TestPeer impatient = new TestPeer(Duration.ofMillis(300));
             ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<SecuredChannel> dial = impatient.transport.dial(
                    io.solcial.multiformats.Multiaddr.parse("/ip4/127.0.0.1/tcp/" + silent.getLocalPort()));
            try (Socket accepted = silent.accept()) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> dial.get(10, TimeUnit.SECONDS));
                assertInstanceOf(HandshakeTimeoutException.class, e.getCause());
                assertEquals("handshake timed out after 300 ms", e.getCause().getMessage());
                accepted.setSoTimeout(5000);
                byte[] sink = new byte[256];
                int n;
                do {
                    n = accepted.getInputStream().read(sink);
                } while (n > 0);
                assertEquals(-1, n, "the dialer closed the connection");
            }
        }
    }

    @Test
    void reportsAnUnreachableAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> dialer.transport.dial(
                io.solcial.multiformats.Multiaddr.parse("/ip4/127.0.0.1/tcp/" + port)).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().startsWith("cannot connect to /ip4/127.0.0.1/tcp/" + port), e.getCause().getMessage());
    }

    @Test
    void dialsADnsName() throws Exception {
        SecuredChannel out = dialer.transport.dial(io.solcial.multiformats.Multiaddr.parse(
                "/dns4/localhost/tcp/" + listener.socketAddress().getPort() + "/p2p/" + listener.peerId())).get(10, TimeUnit.SECONDS);
        assertEquals(listener.peerId(), out.remotePeer());
        listener.nextInbound();
        out.channel().close().sync();
    }

    /** A fresh, well-behaved dial to the listener still succeeds. */
    private void assertStillServing() throws Exception {
        try (TestPeer fresh = new TestPeer()) {
            SecuredChannel out = fresh.transport.dial(listener.addressWithPeer(listener.peerId())).get(10, TimeUnit.SECONDS);
            assertEquals(fresh.peerId(), listener.nextInbound().remotePeer());
            out.channel().close().sync();
        }
    }

    private static void attach(SecuredChannel secured, ChannelInboundHandlerAdapter handler) throws Exception {
        Channel ch = secured.channel();
        ch.eventLoop().submit(() -> {
            ch.pipeline().addLast(handler);
            if (secured.leftover().length > 0) {
                ch.pipeline().fireChannelRead(Unpooled.wrappedBuffer(secured.leftover()));
            }
            ch.config().setAutoRead(true);
        }).sync();
    }

    private static List<Class<?>> handlerTypes(Channel ch) throws Exception {
        return ch.eventLoop().submit(() -> ch.pipeline().toMap().values().stream()
                .<Class<?>>map(Object::getClass).toList()).get();
    }

}
