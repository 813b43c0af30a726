package io.solcial.net.ping;

import io.solcial.identity.PeerId;
import io.solcial.net.Host;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /ipfs/ping/1.0.0} (libp2p ping spec): the dialer writes 32 random bytes and the listener
 * echoes them. We serve at most {@link #MAX_INBOUND_STREAMS_PER_PEER} inbound ping streams per
 * peer (the spec's SHOULD), and {@link #ping} measures one round trip on a fresh stream.
 */
public final class PingProtocol {
    public static final String ID = "/ipfs/ping/1.0.0";
    public static final int PAYLOAD_SIZE = 32;
    public static final int MAX_INBOUND_STREAMS_PER_PEER = 2;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final SecureRandom random = new SecureRandom();
    private final Map<PeerId, AtomicInteger> inbound = new ConcurrentHashMap<>();

    /** The handler to register on a host so that it answers pings. */
    public ProtocolHandler handler() {
        return new ProtocolHandler(ID, Echo::new);
    }

    /** Measures one round trip to a connected peer. */
    public CompletableFuture<Duration> ping(Host host, PeerId peer, Duration timeout) {
        byte[] payload = new byte[PAYLOAD_SIZE];
        random.nextBytes(payload);
        Pinger pinger = new Pinger(payload);
        host.newStream(peer, List.of(ID), pinger).whenComplete((stream, e) -> {
            if (e != null) {
                pinger.result.completeExceptionally(e);
            }
        });
        return pinger.result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((d, e) -> {
                    if (e instanceof TimeoutException && pinger.stream != null) {
                        pinger.stream.reset();
                    }
                });
    }

    /** Listener side: echoes every byte, 32 at a time. */
    private final class Echo implements StreamHandler {
        private boolean counted;

        @Override
        public void onOpen(Stream stream) {
            AtomicInteger n = inbound.computeIfAbsent(stream.remotePeer(), p -> new AtomicInteger());
            if (n.incrementAndGet() > MAX_INBOUND_STREAMS_PER_PEER) {
                n.decrementAndGet();
                stream.reset();
                return;
            }
            counted = true;
        }

        @Override
        public void onData(Stream stream, byte[] data) {
            stream.write(data);
        }

        @Override
        public void onRemoteClose(Stream stream) {
            stream.closeWrite();
        }

        @Override
        public void onClosed(Stream stream, Throwable cause) {
            if (counted) {
                counted = false;
                inbound.computeIfPresent(stream.remotePeer(), (p, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
        }
    }

    /** Dialer side: one round trip, then close. */
    private static final class Pinger implements StreamHandler {
        private final byte[] payload;
        private final byte[] received = new byte[PAYLOAD_SIZE];
        private final CompletableFuture<Duration> result = new CompletableFuture<>();
        private volatile Stream stream;
        private int receivedCount;
        private long sentAt;

        Pinger(byte[] payload) {
            this.payload = payload;
        }

        @Override
        public void onOpen(Stream s) {
            stream = s;
            sentAt = System.nanoTime();
            s.write(payload).whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                }
            });
        }

        @Override
        public void onData(Stream s, byte[] data) {
            int n = Math.min(data.length, PAYLOAD_SIZE - receivedCount);
            System.arraycopy(data, 0, received, receivedCount, n);
            receivedCount += n;
            if (data.length > n) {
                fail(s, "peer echoed more than " + PAYLOAD_SIZE + " bytes");
            } else if (receivedCount == PAYLOAD_SIZE) {
                if (MessageDigest.isEqual(payload, received)) {
                    result.complete(Duration.ofNanos(System.nanoTime() - sentAt));
                    s.closeWrite();
                } else {
                    fail(s, "peer echoed different bytes");
                }
            }
        }

        @Override
        public void onClosed(Stream s, Throwable cause) {
            result.completeExceptionally(cause != null ? cause
                    : new IllegalStateException("ping stream closed before the echo"));
        }

        private void fail(Stream s, String reason) {
            result.completeExceptionally(new IllegalStateException(reason));
            s.reset();
        }
    }
}
