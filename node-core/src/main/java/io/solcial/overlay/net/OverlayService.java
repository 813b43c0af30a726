package io.solcial.overlay.net;

import io.solcial.content.StoreException;
import io.solcial.identity.PeerId;
import io.solcial.membership.MembershipOracle;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.ConnectionListener;
import io.solcial.net.LengthPrefixedDecoder;
import io.solcial.net.NetException;
import io.solcial.net.PeerInfo;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import io.solcial.net.host.Libp2pHost;
import io.solcial.overlay.Cancellable;
import io.solcial.overlay.NeighborListener;
import io.solcial.overlay.OverlayEnvironment;
import io.solcial.overlay.Topic;
import io.solcial.overlay.hyparview.Admission;
import io.solcial.overlay.hyparview.HyParView;
import io.solcial.overlay.hyparview.HyParViewConfig;
import io.solcial.overlay.hyparview.HyParViewMessage;
import io.solcial.overlay.hyparview.NetworkSize;
import io.solcial.overlay.plumtree.Delivery;
import io.solcial.overlay.plumtree.MessageId;
import io.solcial.overlay.plumtree.Misbehaviour;
import io.solcial.overlay.plumtree.PayloadValidator;
import io.solcial.overlay.plumtree.Plumtree;
import io.solcial.overlay.plumtree.PlumtreeConfig;
import io.solcial.overlay.plumtree.PlumtreeListener;
import io.solcial.overlay.plumtree.PlumtreeMessage;
import io.solcial.overlay.wire.DecodedHyParView;
import io.solcial.overlay.wire.HyParViewCodec;
import io.solcial.overlay.wire.PlumtreeCodec;
import io.solcial.overlay.wire.WireLimits;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs HyParView + Plumtree for each configured topic over a {@link Libp2pHost}: the libp2p-backed
 * {@link OverlayEnvironment}.
 *
 * <p>Threading: one single-thread scheduled executor is the overlay thread. Every call into the
 * state machines (timers, decoded messages, link events, broadcasts, queries) runs there, as the
 * state machines' contract requires. Netty threads only frame and decode bytes.
 *
 * <p>Wire (docs/protocol.md): {@value HyParViewCodec#PROTOCOL_ID} and
 * {@value PlumtreeCodec#PROTOCOL_ID}; one outbound stream per peer per protocol, opened on the
 * first send, carrying uvarint-length-prefixed protobuf messages (the topic is inside each
 * message). Streams are one-way: we write on the streams we open and read on the ones the peer
 * opens.
 *
 * <p>Releasing ex-neighbours: the neighbour callbacks count, per peer, the topics in whose active
 * view it is, and each link remembers when we last sent on it. A sweep on the overlay thread
 * (every half {@link Config#linger}, at most 5 s) closes our links to peers in no active view that
 * have been unused for the linger: gracefully (yamux FIN after the frames already written, so a
 * DISCONNECT just sent arrives; never a reset), and without counting as a link failure. The peer
 * answers a FIN on an inbound stream by closing its side, so the stream ends; once neither side
 * holds an overlay stream, the host's idle timeout closes the connection, unless another protocol
 * has a stream open on it. The overlay never closes a connection for this itself. A later message
 * to the peer opens a new stream. {@link #close} releases every link the same way.
 *
 * <p>Addresses: HyParView messages carry the sender's listen addresses and addresses for every
 * peer they name (FORWARD_JOIN's new node, SHUFFLE's origin and samples); we keep them in a
 * bounded address book, falling back to the listen addresses identify stored in the host's
 * {@link io.solcial.net.PeerStore}. A dial always names the peer ({@code /p2p/ID}), so a false
 * address can only make a dial fail, never reach an impostor.
 *
 * <p>Failures: a dial that fails, a stream of ours that is reset or closed, or a closed connection
 * (of a peer we hold a link to or have as a neighbour), with no connection left to the peer, is
 * HyParView's {@code linkDown}. A connection to a peer the overlay no longer uses closing (the
 * idle timeout after a release) is not a failure: the peer stays in the passive view. A peer that sends a malformed
 * message is disconnected. A peer Plumtree reports for misbehaviour (invalid payload) is banned in
 * every topic, the ban is persisted in the {@link BanStore}, and it is disconnected; banned peers'
 * connections are closed on sight.
 */
public final class OverlayService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OverlayService.class);
    private static final int ADDRESS_BOOK_SIZE = 4_096;
    /** Inbound messages queued for the overlay thread above which a stream is paused. */
    private static final int INBOUND_PAUSE_AT = 256;
    private static final int INBOUND_RESUME_AT = 64;

    /**
     * @param topics the overlay topics to take part in
     * @param dialTimeout how long opening a link (dial + stream negotiation) may take
     * @param maxQueuedFrames most frames waiting or in flight on one outbound stream; beyond that
     *     the peer is too slow and the link is treated as failed
     * @param linger how long our outbound streams to a peer that is in no topic's active view stay
     *     open unused before they are closed (gracefully), so the host's idle timeout can close
     *     the connection
     */
    public record Config(List<Topic> topics, HyParViewConfig hyParView, PlumtreeConfig plumtree,
            Duration dialTimeout, int maxQueuedFrames, Duration linger) {
        /** Streams to ex-neighbours are closed after 30 s unused. */
        public static final Duration DEFAULT_LINGER = Duration.ofSeconds(30);

        public Config {
            topics = List.copyOf(new LinkedHashSet<>(topics));
            if (topics.isEmpty() || maxQueuedFrames < 1) {
                throw new IllegalArgumentException("at least one topic and a positive frame queue are needed");
            }
            if (linger.isNegative() || linger.isZero()) {
                throw new IllegalArgumentException("linger must be positive");
            }
        }

        public static Config defaults() {
            return new Config(List.of(Topic.PUBLIC), HyParViewConfig.defaults(), PlumtreeConfig.defaults(),
                    Duration.ofSeconds(10), 1_024, DEFAULT_LINGER);
        }

        public Config withTopics(List<Topic> t) {
            return new Config(t, hyParView, plumtree, dialTimeout, maxQueuedFrames, linger);
        }

        public Config withLinger(Duration d) {
            return new Config(topics, hyParView, plumtree, dialTimeout, maxQueuedFrames, d);
        }
    }

    /** Thrown (as the cause of a failed {@link #start}) when the contact refused our JOIN. */
    public static final class JoinRefusedException extends Exception {
        public JoinRefusedException(String reason) {
            super(reason);
        }
    }

    private record TopicState(HyParView hyParView, Plumtree plumtree, CompletableFuture<Void> joined) {
    }

    private final Libp2pHost host;
    private final PeerId self;
    private final Config config;
    private final BanStore banStore;
    private final Consumer<Delivery> deliveries;
    private final ScheduledExecutorService overlay;
    private final RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(new SecureRandom().nextLong());
    /** Read by Netty threads (inbound check) and the overlay thread; the HyParViews share it. */
    private final Set<PeerId> bans = ConcurrentHashMap.newKeySet();
    private final Map<Topic, TopicState> topics = new LinkedHashMap<>();
    // overlay thread only:
    private final Map<PeerId, List<Multiaddr>> addressBook = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PeerId, List<Multiaddr>> eldest) {
            return size() > ADDRESS_BOOK_SIZE;
        }
    };
    private final OutboundLinks hyParViewLinks;
    private final OutboundLinks plumtreeLinks;
    /** Per peer, in how many topics' active views it is; absent: none. */
    private final Map<PeerId, Integer> neighbourIn = new HashMap<>();
    private ScheduledFuture<?> joinWatch;
    private volatile boolean running;

    public OverlayService(Libp2pHost host, MembershipOracle oracle, BanStore banStore, PayloadValidator validator,
            Config config, Consumer<Delivery> deliveries) {
        this.host = host;
        this.self = host.peerId();
        this.config = config;
        this.banStore = banStore;
        this.deliveries = deliveries;
        String name = "overlay-" + self.toString().substring(Math.max(0, self.toString().length() - 6));
        this.overlay = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        OutboundLinks.Transport transport = new OutboundLinks.Transport() {
            @Override
            public CompletableFuture<Connection> connect(PeerId peer) {
                return OverlayService.this.connect(peer);
            }

            @Override
            public boolean onOverlay(Runnable task) {
                return OverlayService.this.onOverlay(task);
            }

            @Override
            public void linkFailed(PeerId peer, Throwable cause) {
                OverlayService.this.linkFailed(peer, cause);
            }
        };
        this.hyParViewLinks = new OutboundLinks(HyParViewCodec.PROTOCOL_ID, config.maxQueuedFrames(),
                config.dialTimeout(), transport);
        this.plumtreeLinks = new OutboundLinks(PlumtreeCodec.PROTOCOL_ID, config.maxQueuedFrames(),
                config.dialTimeout(), transport);
        Admission admission = Admission.of(oracle);
        NetworkSize size = NetworkSize.of(oracle);
        for (Topic topic : config.topics()) {
            Plumtree plumtree = new Plumtree(self, topic, config.plumtree(), new Env<>(this::sendPlumtree), validator,
                    new PlumtreeListener() {
                        @Override
                        public void deliver(Delivery delivery) {
                            try {
                                deliveries.accept(delivery);
                            } catch (RuntimeException e) {
                                LOG.warn("delivery listener failed on {}", delivery.id(), e);
                            }
                        }

                        @Override
                        public void misbehaved(Misbehaviour m) {
                            ban(m.peer(), m.topic() + ": " + m.reason());
                        }
                    });
            CompletableFuture<Void> joined = new CompletableFuture<>();
            HyParView hyParView = new HyParView(self, topic, config.hyParView(), new Env<>(this::sendHyParView),
                    admission, size, bans, new NeighborListener() {
                        @Override
                        public void neighborUp(PeerId peer) {
                            neighbourIn.merge(peer, 1, Integer::sum);
                            plumtree.neighborUp(peer);
                            joined.complete(null);
                        }

                        @Override
                        public void neighborDown(PeerId peer) {
                            neighbourIn.computeIfPresent(peer, (p, n) -> n > 1 ? n - 1 : null);
                            plumtree.neighborDown(peer);
                        }
                    });
            topics.put(topic, new TopicState(hyParView, plumtree, joined));
        }
    }

    public PeerId peerId() {
        return self;
    }

    /**
     * Loads the bans, serves the overlay protocols, starts every topic and joins through
     * {@code bootstrap} (multiaddrs ending in {@code /p2p/ID}; empty for the first node). The
     * future completes once every topic has an active peer, or fails with
     * {@link JoinRefusedException} when a contact refused us (or we refuse it).
     */
    public CompletableFuture<Void> start(List<Multiaddr> bootstrap) {
        List<PeerId> contacts = new ArrayList<>();
        for (Multiaddr a : bootstrap) {
            PeerId p = a.peerIdMultihash().map(PeerId::new).orElseThrow(() ->
                    new IllegalArgumentException("a bootstrap address must end in /p2p/<peer id>: " + a));
            if (!p.equals(self)) {
                contacts.add(p);
            }
        }
        try {
            bans.addAll(banStore.load());
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        running = true;
        host.addProtocol(new ProtocolHandler(HyParViewCodec.PROTOCOL_ID,
                () -> new Inbound(WireLimits.MAX_HYPARVIEW_FRAME, true)));
        host.addProtocol(new ProtocolHandler(PlumtreeCodec.PROTOCOL_ID,
                () -> new Inbound(WireLimits.MAX_PLUMTREE_FRAME, false)));
        host.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(Connection c) {
                if (bans.contains(c.remotePeer())) {
                    c.close();
                }
            }

            @Override
            public void disconnected(Connection c) {
                PeerId peer = c.remotePeer();
                onOverlay(() -> {
                    if (host.connection(peer).isEmpty() && usesLinksTo(peer)) {
                        peerDown(peer);
                    }
                });
            }
        });
        onOverlay(() -> {
            for (Multiaddr a : bootstrap) {
                PeerId p = new PeerId(a.peerIdMultihash().orElseThrow());
                if (!p.equals(self)) {
                    addressBook.put(p, List.of(a.withoutPeerId()));
                }
            }
            for (TopicState t : topics.values()) {
                t.hyParView().start();
                if (contacts.isEmpty()) {
                    t.joined().complete(null);
                }
                contacts.forEach(t.hyParView()::join);
            }
            if (!contacts.isEmpty()) {
                joinWatch = overlay.scheduleWithFixedDelay(guard(this::watchJoins), 50, 50, TimeUnit.MILLISECONDS);
            }
            long sweep = Math.max(10, Math.min(5_000, config.linger().toMillis() / 2));
            overlay.scheduleWithFixedDelay(guard(this::releaseLinksToNonNeighbours), sweep, sweep, TimeUnit.MILLISECONDS);
        });
        return CompletableFuture.allOf(topics.values().stream().map(TopicState::joined)
                .toArray(CompletableFuture[]::new));
    }

    /** Broadcasts {@code payload} on {@code topic}; completes with its id once handed to Plumtree. */
    public CompletableFuture<MessageId> broadcast(Topic topic, Bytes payload) {
        TopicState t = state(topic);
        CompletableFuture<MessageId> f = new CompletableFuture<>();
        if (!onOverlay(() -> {
            try {
                f.complete(t.plumtree().broadcast(payload));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        })) {
            f.completeExceptionally(new IllegalStateException("overlay service is stopped"));
        }
        return f;
    }

    public Set<PeerId> activeView(Topic topic) {
        return call(() -> state(topic).hyParView().activeView());
    }

    public Set<PeerId> passiveView(Topic topic) {
        return call(() -> state(topic).hyParView().passiveView());
    }

    /** The reason of the last refusal this node got for {@code topic}, if any. */
    public Optional<String> lastRefusal(Topic topic) {
        return call(() -> state(topic).hyParView().lastRefusal());
    }

    public Set<PeerId> bans() {
        return Set.copyOf(bans);
    }

    /** Bans {@code peer} as if it had misbehaved (operator action, tests). */
    public void banPeer(PeerId peer, String reason) {
        onOverlay(() -> ban(peer, reason));
    }

    /**
     * Leaves gracefully (DISCONNECT to active peers), closes our overlay streams (after what they
     * still have to write) and stops the overlay thread; the host stays up.
     */
    @Override
    public void close() {
        if (!running) {
            overlay.shutdownNow();
            return;
        }
        running = false;
        CompletableFuture<Void> left = new CompletableFuture<>();
        try {
            overlay.execute(() -> {
                try {
                    for (TopicState t : topics.values()) {
                        t.hyParView().stop();
                        t.plumtree().stop();
                    }
                    hyParViewLinks.releaseWhere(link -> true);
                    plumtreeLinks.releaseWhere(link -> true);
                } finally {
                    left.complete(null);
                }
            });
            left.get(5, TimeUnit.SECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            LOG.debug("overlay stop: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        overlay.shutdown();
    }

    /** Stops the overlay thread at once, sending nothing (a crash, for tests). */
    public void abort() {
        running = false;
        overlay.shutdownNow();
    }

    // ---------------------------------------------------------------- overlay thread

    private void watchJoins() {
        boolean pending = false;
        for (TopicState t : topics.values()) {
            if (t.joined().isDone()) {
                continue;
            }
            Optional<String> refusal = t.hyParView().lastRefusal();
            if (refusal.isPresent() && t.hyParView().activeView().isEmpty()) {
                t.joined().completeExceptionally(new JoinRefusedException(refusal.get()));
            } else {
                pending = true;
            }
        }
        if (!pending && joinWatch != null) {
            joinWatch.cancel(false);
        }
    }

    private void sendHyParView(PeerId peer, HyParViewMessage message) {
        if (peer.equals(self)) {
            return;
        }
        byte[] frame = LengthPrefixedDecoder.frame(HyParViewCodec.encode(message, self, this::wireAddresses));
        hyParViewLinks.to(peer, nowMillis()).send(frame, nowMillis());
    }

    private void sendPlumtree(PeerId peer, PlumtreeMessage message) {
        if (peer.equals(self)) {
            return;
        }
        plumtreeLinks.to(peer, nowMillis()).send(LengthPrefixedDecoder.frame(PlumtreeCodec.encode(message)), nowMillis());
    }

    private List<Multiaddr> wireAddresses(PeerId peer) {
        return peer.equals(self) ? host.listenAddresses() : addressesOf(peer);
    }

    private List<Multiaddr> addressesOf(PeerId peer) {
        List<Multiaddr> out = new ArrayList<>(addressBook.getOrDefault(peer, List.of()));
        host.peerStore().get(peer).map(PeerInfo::listenAddresses).ifPresent(as -> as.stream()
                .map(Multiaddr::withoutPeerId).filter(a -> !out.contains(a)).forEach(out::add));
        return out;
    }

    private CompletableFuture<Connection> connect(PeerId peer) {
        Optional<Connection> existing = host.connection(peer);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        List<Multiaddr> addresses = addressesOf(peer);
        if (addresses.isEmpty()) {
            return CompletableFuture.failedFuture(new NetException("no address known for " + peer));
        }
        Multiaddr p2p = Multiaddr.parse("/p2p/" + peer);
        CompletableFuture<Connection> attempt = host.connect(addresses.get(0).encapsulate(p2p));
        for (Multiaddr next : addresses.subList(1, addresses.size())) {
            attempt = attempt.exceptionallyCompose(e -> host.connect(next.encapsulate(p2p)));
        }
        return attempt;
    }

    /** A link to {@code peer} failed: unless another connection to it is still up, HyParView hears linkDown. */
    private void linkFailed(PeerId peer, Throwable cause) {
        if (host.connection(peer).isPresent()) {
            LOG.debug("{}: stream to {} failed ({}), connection still up", self, peer, cause == null ? "closed" : cause.toString());
            return;
        }
        peerDown(peer);
    }

    private void peerDown(PeerId peer) {
        dropLinks(peer);
        for (TopicState t : topics.values()) {
            t.hyParView().linkDown(peer);
        }
    }

    private void dropLinks(PeerId peer) {
        hyParViewLinks.abandon(peer);
        plumtreeLinks.abandon(peer);
    }

    /** Whether the overlay has a stake in {@code peer}: a link of ours, or the peer is a neighbour. */
    private boolean usesLinksTo(PeerId peer) {
        return neighbourIn.containsKey(peer) || hyParViewLinks.has(peer) || plumtreeLinks.has(peer);
    }

    /**
     * The sweep: closes, gracefully and without a link failure, our open links to peers that are in
     * no topic's active view and that we have not sent anything to for the linger period. Their
     * connection, unless another protocol uses it, then falls to the host's idle timeout.
     */
    private void releaseLinksToNonNeighbours() {
        long idleSince = nowMillis() - config.linger().toMillis();
        Predicate<OutboundLink> unused = link -> link.isOpen()
                && link.lastUsedMillis() <= idleSince && !neighbourIn.containsKey(link.peer());
        hyParViewLinks.releaseWhere(unused);
        plumtreeLinks.releaseWhere(unused);
    }

    static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    private void ban(PeerId peer, String reason) {
        if (peer.equals(self) || !bans.add(peer)) {
            return;
        }
        LOG.info("{}: banning {} permanently: {}", self, peer, reason);
        try {
            banStore.add(peer, reason);
        } catch (StoreException e) {
            LOG.warn("could not persist the ban of {}: {}", peer, e.getMessage());
        }
        for (TopicState t : topics.values()) {
            t.hyParView().ban(peer);
        }
        dropLinks(peer);
        disconnect(peer);
    }

    private void disconnect(PeerId peer) {
        host.connection(peer).ifPresent(Connection::close);
    }

    private void onHyParView(PeerId from, DecodedHyParView decoded) {
        if (bans.contains(from)) {
            return;
        }
        if (!decoded.senderAddrs().isEmpty()) {
            addressBook.put(from, decoded.senderAddrs());
        }
        decoded.peerAddrs().forEach((peer, addrs) -> {
            if (!peer.equals(self) && !peer.equals(from)) {
                addressBook.put(peer, addrs);
            }
        });
        TopicState t = topics.get(decoded.message().topic());
        if (t == null) {
            LOG.debug("{}: HyParView message for topic {} we are not in", self, decoded.message().topic());
            return;
        }
        t.hyParView().onMessage(from, decoded.message());
    }

    private void onPlumtree(PeerId from, PlumtreeMessage message) {
        TopicState t = topics.get(message.topic());
        if (t != null && !bans.contains(from)) {
            t.plumtree().receive(from, message);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private TopicState state(Topic topic) {
        TopicState t = topics.get(topic);
        if (t == null) {
            throw new IllegalArgumentException("not a topic of this overlay service: " + topic);
        }
        return t;
    }

    private <T> T call(Callable<T> query) {
        try {
            return overlay.submit(query).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("overlay query failed: " + e, e);
        }
    }

    /** Runs {@code task} on the overlay thread; false when the service is stopped. */
    private boolean onOverlay(Runnable task) {
        try {
            overlay.execute(guard(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("overlay task failed", e);
            }
        };
    }

    private final class Env<M> implements OverlayEnvironment<M> {
        private final BiConsumer<PeerId, M> sender;

        Env(BiConsumer<PeerId, M> sender) {
            this.sender = sender;
        }

        @Override
        public void send(PeerId peer, M message) {
            sender.accept(peer, message);
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            try {
                ScheduledFuture<?> f = overlay.schedule(guard(task), delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            } catch (RejectedExecutionException e) {
                return () -> { };
            }
        }

        @Override
        public void execute(Runnable task) {
            onOverlay(task);
        }

        @Override
        public long nowMillis() {
            return OverlayService.nowMillis();
        }

        @Override
        public RandomGenerator random() {
            return random;
        }
    }

    /** One inbound stream: frames and decodes on the connection thread, hands messages to the overlay thread. */
    private final class Inbound implements StreamHandler {
        private final LengthPrefixedDecoder decoder;
        private final boolean hyParView;
        private final AtomicInteger queued = new AtomicInteger();
        private volatile boolean paused;
        private boolean broken;

        Inbound(int maxFrame, boolean hyParView) {
            this.decoder = new LengthPrefixedDecoder(maxFrame);
            this.hyParView = hyParView;
        }

        @Override
        public void onOpen(Stream stream) {
            if (bans.contains(stream.remotePeer()) || !running) {
                stream.reset();
                if (bans.contains(stream.remotePeer())) {
                    disconnect(stream.remotePeer());
                }
            }
        }

        @Override
        public void onData(Stream stream, byte[] data) {
            if (broken) {
                return;
            }
            PeerId from = stream.remotePeer();
            try {
                for (byte[] frame : decoder.feed(data)) {
                    Runnable task;
                    if (hyParView) {
                        DecodedHyParView m = HyParViewCodec.decode(frame);
                        task = () -> onHyParView(from, m);
                    } else {
                        PlumtreeMessage m = PlumtreeCodec.decode(frame);
                        task = () -> onPlumtree(from, m);
                    }
                    enqueue(stream, task);
                }
            } catch (ProtocolViolationException e) {
                broken = true;
                LOG.info("{}: disconnecting {}: bad {} input: {}", self, from, stream.protocol(), e.getMessage());
                stream.reset();
                disconnect(from);
            }
        }

        /** The peer closed its link to us (see the sweep): we close our side, so the stream ends. */
        @Override
        public void onRemoteClose(Stream stream) {
            stream.closeWrite();
        }

        private void enqueue(Stream stream, Runnable task) {
            if (queued.incrementAndGet() >= INBOUND_PAUSE_AT && !paused) {
                paused = true;
                stream.pause();
            }
            onOverlay(() -> {
                try {
                    task.run();
                } finally {
                    if (queued.decrementAndGet() <= INBOUND_RESUME_AT && paused) {
                        paused = false;
                        stream.resume();
                    }
                }
            });
        }
    }
}
