package io.solcial.exchange.bitswap;

import io.solcial.exchange.bitswap.BitswapMessage.Entry;
import io.solcial.identity.PeerId;
import io.solcial.net.Connection;
import io.solcial.net.Host;
import io.solcial.net.LengthPrefixedDecoder;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bitswap message I/O over a {@link Host}. Every message we send goes on a new outbound stream
 * (open, write one length-prefixed message, half-close), like Helia. Inbound streams may carry any
 * number of messages; each decoded message is handed to the {@link Receiver} on the service loop,
 * with the stream paused meanwhile. A protocol violation resets the stream and closes the connection.
 * Wantlist entries queued during one loop turn go out together in one message per peer.
 */
final class BitswapNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(BitswapNetwork.class);
    /** Wantlist entries are ~45 bytes: this many per message stays far below the size limit. */
    private static final int ENTRIES_PER_MESSAGE = 8192;

    /** Handles one message from a peer, on the service loop. */
    interface Receiver {
        void onMessage(PeerId from, BitswapMessage message) throws ProtocolViolationException;
    }

    /** Told, on the service loop, about wantlist entries that could not be sent to a peer. */
    interface Undeliverable {
        void wantsNotSent(PeerId peer, List<Entry> entries);
    }

    private final Host host;
    private final ServiceLoop loop;
    private final AtomicLong violations = new AtomicLong();
    /** Entries waiting for the next flush, per peer (loop thread only). */
    private final Map<PeerId, List<Entry>> outgoing = new HashMap<>();
    private Undeliverable undeliverable = (peer, entries) -> { };

    BitswapNetwork(Host host, ServiceLoop loop) {
        this.host = host;
        this.loop = loop;
    }

    void onUndeliverable(Undeliverable handler) {
        this.undeliverable = handler;
    }

    ProtocolHandler protocolHandler(Receiver receiver) {
        return new ProtocolHandler(Bitswap.PROTOCOL_ID, () -> new Inbound(receiver));
    }

    long violations() {
        return violations.get();
    }

    List<PeerId> connectedPeers() {
        List<PeerId> out = new ArrayList<>();
        for (Connection c : host.connections()) {
            if (c.isOpen() && !out.contains(c.remotePeer())) {
                out.add(c.remotePeer());
            }
        }
        return out;
    }

    boolean isConnected(PeerId peer) {
        return host.connection(peer).filter(Connection::isOpen).isPresent();
    }

    /** Queues a wantlist entry for {@code peer}; sent with the others queued in this loop turn. */
    void queueEntry(PeerId peer, Entry entry) {
        List<Entry> queue = outgoing.get(peer);
        if (queue == null) {
            queue = new ArrayList<>();
            outgoing.put(peer, queue);
            loop.run(() -> flush(peer));
        }
        queue.add(entry);
    }

    private void flush(PeerId peer) {
        List<Entry> entries = outgoing.remove(peer);
        if (entries == null) {
            return;
        }
        for (int i = 0; i < entries.size(); i += ENTRIES_PER_MESSAGE) {
            List<Entry> part = List.copyOf(entries.subList(i, Math.min(entries.size(), i + ENTRIES_PER_MESSAGE)));
            send(peer, BitswapMessage.ofWants(part)).whenCompleteAsync((v, e) -> {
                if (e != null) {
                    LOG.debug("bitswap: sending wants to {} failed", peer, e);
                    undeliverable.wantsNotSent(peer, part);
                }
            }, loop.executor());
        }
    }

    /** Sends one message on a new stream (open, write, half-close). */
    CompletableFuture<Void> send(PeerId peer, BitswapMessage message) {
        byte[] frame = message.encodeFramed();
        CompletableFuture<Void> done = new CompletableFuture<>();
        host.newStream(peer, List.of(Bitswap.PROTOCOL_ID), new StreamHandler() {
            @Override
            public void onOpen(Stream stream) {
                stream.write(frame).thenCompose(v -> stream.closeWrite()).whenComplete((v, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                        stream.reset();
                    } else {
                        done.complete(null);
                    }
                });
            }

            @Override
            public void onData(Stream stream, byte[] data) {
                // nothing is expected back on our streams
            }

            @Override
            public void onRemoteClose(Stream stream) {
                stream.closeWrite();
            }

            @Override
            public void onClosed(Stream stream, Throwable cause) {
                if (cause != null) {
                    done.completeExceptionally(cause);
                }
            }
        }).whenComplete((s, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void violation(Stream stream, Throwable cause) {
        violations.incrementAndGet();
        LOG.info("bitswap: protocol violation by {}, disconnecting: {}", stream.remotePeer(), cause.getMessage());
        stream.reset();
        host.connection(stream.remotePeer()).ifPresent(Connection::close);
    }

    /** One inbound stream: length-prefixed messages until the peer closes its side. */
    private final class Inbound implements StreamHandler {
        private final LengthPrefixedDecoder decoder = new LengthPrefixedDecoder(Bitswap.MAX_MESSAGE_SIZE);
        private final Receiver receiver;
        private boolean failed;

        Inbound(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onData(Stream stream, byte[] data) {
            if (failed) {
                return;
            }
            List<byte[]> messages;
            try {
                messages = decoder.feed(data);
            } catch (ProtocolViolationException e) {
                failed = true;
                violation(stream, e);
                return;
            }
            if (messages.isEmpty()) {
                return;
            }
            stream.pause();
            PeerId from = stream.remotePeer();
            loop.run(() -> {
                try {
                    for (byte[] m : messages) {
                        receiver.onMessage(from, BitswapMessage.decode(m));
                    }
                    stream.resume();
                } catch (ProtocolViolationException e) {
                    violation(stream, e);
                }
            });
        }

        @Override
        public void onRemoteClose(Stream stream) {
            stream.closeWrite();
        }
    }
}
