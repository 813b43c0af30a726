package io.solcial.net.identify;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Host;
import io.solcial.net.LengthPrefixedDecoder;
import io.solcial.net.PeerInfo;
import io.solcial.net.PeerStore;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import io.solcial.net.proto.Libp2pProto.Identify;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libp2p identify ({@code /ipfs/id/1.0.0}) and identify push ({@code /ipfs/id/push/1.0.0}). The
 * peer that opens an identify stream reads; the identified peer writes one length-prefixed
 * {@code Identify} message and closes. A message whose public key is not the connection's
 * authenticated key is a protocol violation and is not stored.
 */
public final class IdentifyProtocol {
    public static final String ID = "/ipfs/id/1.0.0";
    public static final String PUSH_ID = "/ipfs/id/push/1.0.0";
    public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
    /** js-libp2p's cap; we keep ours under it and accept no more. */
    public static final int MAX_MESSAGE_SIZE = 8 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(IdentifyProtocol.class);

    private final Ed25519PublicKey localKey;
    private final String agentVersion;
    private final Supplier<List<Multiaddr>> listenAddresses;
    private final Supplier<Set<String>> protocols;
    private final PeerStore peerStore;
    private final Clock clock;
    private final Map<PeerId, Multiaddr> observedByPeer = new ConcurrentHashMap<>();
    private final Map<PeerId, CompletableFuture<PeerInfo>> inFlight = new ConcurrentHashMap<>();

    public IdentifyProtocol(Ed25519PublicKey localKey, String agentVersion, Supplier<List<Multiaddr>> listenAddresses,
                            Supplier<Set<String>> protocols, PeerStore peerStore, Clock clock) {
        this.localKey = Objects.requireNonNull(localKey);
        this.agentVersion = Objects.requireNonNull(agentVersion);
        this.listenAddresses = Objects.requireNonNull(listenAddresses);
        this.protocols = Objects.requireNonNull(protocols);
        this.peerStore = Objects.requireNonNull(peerStore);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Answers identify requests: writes our record and closes. */
    public ProtocolHandler handler() {
        return new ProtocolHandler(ID, RecordWriter::new);
    }

    /** Receives pushed updates from peers. */
    public ProtocolHandler pushHandler() {
        return new ProtocolHandler(PUSH_ID, () -> new Reader(new CompletableFuture<>()));
    }

    /**
     * Asks a connected peer who it is; the answer is stored in the peer store too. Concurrent
     * requests for one peer share one stream (js-libp2p accepts a single inbound identify stream).
     */
    public CompletableFuture<PeerInfo> identify(Host host, PeerId peer) {
        CompletableFuture<PeerInfo> result = new CompletableFuture<>();
        CompletableFuture<PeerInfo> running = inFlight.putIfAbsent(peer, result);
        if (running != null) {
            return running;
        }
        result.whenComplete((info, e) -> inFlight.remove(peer, result));
        host.newStream(peer, List.of(ID), new Reader(result)).whenComplete((s, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Tells a connected peer our current record (after our addresses or protocols changed). */
    public CompletableFuture<Void> push(Host host, PeerId peer) {
        return host.newStream(peer, List.of(PUSH_ID), new RecordWriter()).thenApply(s -> null);
    }

    /** Our addresses as peers reported seeing them. */
    public Set<Multiaddr> observedAddresses() {
        return Set.copyOf(observedByPeer.values());
    }

    Identify localRecord(Multiaddr observed) {
        Identify.Builder b = Identify.newBuilder()
                .setProtocolVersion(PROTOCOL_VERSION)
                .setAgentVersion(agentVersion)
                .setPublicKey(ByteString.copyFrom(localKey.toProtobuf()))
                .setObservedAddr(ByteString.copyFrom(observed.toBytes()));
        listenAddresses.get().forEach(a -> b.addListenAddrs(ByteString.copyFrom(a.toBytes())));
        protocols.get().stream().sorted().forEach(b::addProtocols);
        return b.build();
    }

    PeerInfo accept(PeerId remote, Identify msg) throws ProtocolViolationException {
        if (msg.hasPublicKey()) {
            Ed25519PublicKey key;
            try {
                key = Ed25519PublicKey.fromProtobuf(msg.getPublicKey().toByteArray());
            } catch (IllegalArgumentException e) {
                throw new ProtocolViolationException("identify: unusable public key: " + e.getMessage());
            }
            if (!key.peerId().equals(remote)) {
                throw new ProtocolViolationException("identify: public key of " + key.peerId()
                        + " on the connection of " + remote);
            }
        }
        List<Multiaddr> addrs = new ArrayList<>();
        for (ByteString raw : msg.getListenAddrsList()) {
            parse(raw).ifPresent(addrs::add);
        }
        Optional<Multiaddr> observed = msg.hasObservedAddr() ? parse(msg.getObservedAddr()) : Optional.empty();
        observed.ifPresent(o -> observedByPeer.put(remote, o));
        PeerInfo info = new PeerInfo(remote, msg.getAgentVersion(), msg.getProtocolVersion(),
                Set.copyOf(msg.getProtocolsList()), addrs, observed, clock.instant());
        peerStore.put(info);
        return info;
    }

    private static Optional<Multiaddr> parse(ByteString raw) {
        try {
            return Optional.of(Multiaddr.decode(raw.toByteArray()));
        } catch (IllegalArgumentException e) {
            LOG.debug("identify: skipping an address we cannot parse: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes our record (answer to a request, or a push) and closes; the peer sends nothing back. */
    private final class RecordWriter implements StreamHandler {
        @Override
        public void onOpen(Stream stream) {
            stream.write(LengthPrefixedDecoder.frame(localRecord(stream.remoteAddress()).toByteArray()));
            stream.closeWrite();
        }

        @Override
        public void onData(Stream stream, byte[] data) {
            // nothing is expected from the peer on this stream
        }
    }

    /** Reads one Identify message (request answer or push) and stores it. */
    private final class Reader implements StreamHandler {
        private final CompletableFuture<PeerInfo> result;
        private final LengthPrefixedDecoder decoder = new LengthPrefixedDecoder(MAX_MESSAGE_SIZE);

        Reader(CompletableFuture<PeerInfo> result) {
            this.result = result;
        }

        @Override
        public void onData(Stream stream, byte[] data) {
            if (result.isDone()) {
                return;
            }
            try {
                List<byte[]> messages = decoder.feed(data);
                if (!messages.isEmpty()) {
                    result.complete(accept(stream.remotePeer(), Identify.parseFrom(messages.get(0))));
                }
            } catch (ProtocolViolationException | InvalidProtocolBufferException e) {
                LOG.info("identify from {} rejected: {}", stream.remotePeer(), e.getMessage());
                result.completeExceptionally(e);
                stream.reset();
            }
        }

        /** The identified peer wrote its record and closed: we close our side too (we send nothing). */
        @Override
        public void onRemoteClose(Stream stream) {
            stream.closeWrite();
        }

        @Override
        public void onClosed(Stream stream, Throwable cause) {
            result.completeExceptionally(cause != null ? cause
                    : new ProtocolViolationException("identify stream closed without a message"));
        }
    }
}
