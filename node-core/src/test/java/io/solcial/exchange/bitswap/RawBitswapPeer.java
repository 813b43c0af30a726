package io.solcial.exchange.bitswap;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.LengthPrefixedDecoder;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A hand-driven bitswap peer for tests: sends the messages a test builds and records every
 * message it receives; optionally answers each received message ({@code responder}).
 */
final class RawBitswapPeer implements AutoCloseable {
    final Libp2pHost host = new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults(), Clock.systemUTC());
    private final BlockingQueue<BitswapMessage> received = new LinkedBlockingQueue<>();

    RawBitswapPeer() {
        this(m -> null);
    }

    /** {@code responder} maps a received message to the reply to send back (or null for none). */
    RawBitswapPeer(Function<BitswapMessage, BitswapMessage> responder) {
        host.addProtocol(new ProtocolHandler(Bitswap.PROTOCOL_ID, () -> new StreamHandler() {
            private final LengthPrefixedDecoder decoder = new LengthPrefixedDecoder(Bitswap.MAX_MESSAGE_SIZE);

            @Override
            public void onData(Stream stream, byte[] data) {
                try {
                    for (byte[] m : decoder.feed(data)) {
                        BitswapMessage msg = BitswapMessage.decode(m);
                        received.add(msg);
                        BitswapMessage reply = responder.apply(msg);
                        if (reply != null) {
                            send(stream.remotePeer(), reply);
                        }
                    }
                } catch (ProtocolViolationException e) {
                    stream.reset();
                }
            }

            @Override
            public void onRemoteClose(Stream stream) {
                stream.closeWrite();
            }
        }));
        host.start().orTimeout(10, TimeUnit.SECONDS).join();
    }

    PeerId peerId() {
        return host.peerId();
    }

    void connect(Libp2pHost other) throws Exception {
        host.connect(other.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + other.peerId())))
                .get(10, TimeUnit.SECONDS);
    }

    /** Sends one message on a new stream, like Helia. */
    void send(PeerId to, BitswapMessage message) {
        byte[] frame = LengthPrefixedDecoder.frame(message.encode());
        host.newStream(to, List.of(Bitswap.PROTOCOL_ID), new StreamHandler() {
            @Override
            public void onOpen(Stream out) {
                out.write(frame).thenCompose(v -> out.closeWrite());
            }

            @Override
            public void onData(Stream out, byte[] d) {
            }
        });
    }

    /** The next received message, or null after {@code timeout}. */
    BitswapMessage next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        host.stop().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
