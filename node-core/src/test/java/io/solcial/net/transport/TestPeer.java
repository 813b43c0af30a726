package io.solcial.net.transport;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A key pair, a TCP transport and, once listening, queues of what its listener produced. */
final class TestPeer implements AutoCloseable {
    final Ed25519KeyPair key = Ed25519KeyPair.generate();
    final TcpTransport transport;
    final BlockingQueue<SecuredChannel> inbound = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> inboundFailures = new LinkedBlockingQueue<>();
    Multiaddr listenAddress;

    TestPeer(Duration handshakeTimeout) {
        TcpTransportConfig config = TcpTransportConfig.defaults().withHandshakeTimeout(handshakeTimeout).withConnectTimeout(Duration.ofSeconds(5));
        transport = new TcpTransport(new ConnectionUpgrader(key, handshakeTimeout), config);
    }

    TestPeer() {
        this(Duration.ofSeconds(10));
    }

    TestPeer listen() throws Exception {
        listenAddress = transport.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), new InboundConnectionHandler() {
            @Override
            public void secured(SecuredChannel channel) {
                inbound.add(channel);
            }

            @Override
            public void failed(SocketAddress remote, Throwable cause) {
                inboundFailures.add(cause);
            }
        }).get(5, TimeUnit.SECONDS);
        return this;
    }

    PeerId peerId() {
        return key.peerId();
    }

    InetSocketAddress socketAddress() {
        return listenAddress.tcpSocketAddress().orElseThrow();
    }

    Multiaddr addressWithPeer(PeerId peer) {
        return Multiaddr.parse(listenAddress + "/p2p/" + peer);
    }

    SecuredChannel nextInbound() throws InterruptedException {
        SecuredChannel c = inbound.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no inbound connection");
        }
        return c;
    }

    Throwable nextFailure() throws InterruptedException {
        Throwable t = inboundFailures.poll(10, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("no inbound failure");
        }
        return t;
    }

    @Override
    public void close() {
        transport.close();
    }
}
