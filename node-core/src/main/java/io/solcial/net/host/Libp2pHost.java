package io.solcial.net.host;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.ConnectionListener;
import io.solcial.net.Direction;
import io.solcial.net.Host;
import io.solcial.net.NetException;
import io.solcial.net.PeerStore;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import io.solcial.net.identify.IdentifyProtocol;
import io.solcial.net.ping.PingProtocol;
import io.solcial.net.transport.ConnectionUpgrader;
import io.solcial.net.transport.InboundConnectionHandler;
import io.solcial.net.transport.SecuredChannel;
import io.solcial.net.transport.TcpTransport;
import io.solcial.net.yamux.InboundProtocols;
import io.solcial.net.yamux.YamuxConnection;
import io.solcial.net.yamux.YamuxMuxer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libp2p host: TCP transport with the Noise/yamux upgrade, one connection per peer, connection
 * limits, an idle timeout (connections with no open stream are closed), a protocol registry, and identify + ping served (and identify run on every new
 * connection, as js-libp2p does).
 *
 * <p>One connection per peer: when both peers dial each other at once, both sides keep the
 * connection dialed by the peer with the smaller id (peer id bytes, unsigned) and close the other,
 * so they agree without talking. Connection events are per connection: a peer whose duplicate
 * connection lost that choice sees connected, connected, disconnected.
 */
public final class Libp2pHost implements Host {
    private static final Logger LOG = LoggerFactory.getLogger(Libp2pHost.class);

    private final Ed25519KeyPair keys;
    private final HostConfig config;
    private final TcpTransport transport;
    private final Map<String, ProtocolHandler> protocols = new ConcurrentHashMap<>();
    private final Map<PeerId, YamuxConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger openInbound = new AtomicInteger();
    private final AtomicInteger openOutbound = new AtomicInteger();
    private final Map<String, CompletableFuture<Connection>> dials = new ConcurrentHashMap<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Multiaddr> bound = new CopyOnWriteArrayList<>();
    private final PeerStore peerStore = new PeerStore();
    private final IdentifyProtocol identify;
    private final PingProtocol ping = new PingProtocol();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "host-idle-sweep");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopped;

    public Libp2pHost(Ed25519KeyPair keys, HostConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.transport = new TcpTransport(new ConnectionUpgrader(keys, config.tcp().handshakeTimeout()), config.tcp());
        this.identify = new IdentifyProtocol(keys.publicKey(), config.agentVersion(), this::listenAddresses,
                this::protocols, peerStore, clock);
        addProtocol(identify.handler());
        addProtocol(identify.pushHandler());
        addProtocol(ping.handler());
    }

    @Override
    public PeerId peerId() {
        return keys.peerId();
    }

    @Override
    public CompletableFuture<Void> start() {
        InboundConnectionHandler inbound = new InboundConnectionHandler() {
            @Override
            public void secured(SecuredChannel channel) {
                if (inboundCount() >= config.maxInboundConnections()) {
                    LOG.info("refusing inbound connection from {}: inbound limit {} reached",
                            channel.remotePeer(), config.maxInboundConnections());
                    channel.channel().close();
                    return;
                }
                register(channel);
            }
        };
        Duration idle = config.idleTimeout();
        if (!idle.isZero()) {
            long period = Math.max(50, idle.toMillis() / 4);
            sweeper.scheduleWithFixedDelay(this::closeIdleConnections, period, period, TimeUnit.MILLISECONDS);
        }
        List<CompletableFuture<Multiaddr>> binds = new ArrayList<>();
        for (Multiaddr address : config.listenAddresses()) {
            binds.add(transport.listen(address, inbound).thenApply(real -> {
                bound.add(real);
                return real;
            }));
        }
        return CompletableFuture.allOf(binds.toArray(CompletableFuture[]::new));
    }

    @Override
    public List<Multiaddr> listenAddresses() {
        return List.copyOf(bound);
    }

    @Override
    public CompletableFuture<Connection> connect(Multiaddr address) {
        if (stopped) {
            return CompletableFuture.failedFuture(new NetException("host is stopped"));
        }
        Optional<PeerId> target = address.peerIdMultihash().map(PeerId::new);
        if (target.isPresent() && target.get().equals(peerId())) {
            return CompletableFuture.failedFuture(new NetException("refusing to dial ourselves: " + address));
        }
        Optional<Connection> existing = target.flatMap(this::connection);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        String key = target.map(PeerId::toString).orElse(address.toString());
        return dials.computeIfAbsent(key, k -> dial(address).whenComplete((c, e) -> dials.remove(k)));
    }

    private CompletableFuture<Connection> dial(Multiaddr address) {
        long outbound = openOutbound.get();
        if (outbound >= config.maxOutboundConnections()) {
            return CompletableFuture.failedFuture(new NetException("outbound connection limit reached ("
                    + config.maxOutboundConnections() + "); not dialing " + address));
        }
        return transport.dial(address).thenApply(this::register);
    }

    /** Installs the muxer on an upgraded channel and keeps the connection (one per peer). */
    private Connection register(SecuredChannel sc) {
        PeerId remote = sc.remotePeer();
        YamuxConnection conn = YamuxMuxer.install(sc, config.yamux(), InboundProtocols.of(protocols));
        YamuxConnection kept = connections.merge(remote, conn, this::choose);
        if (kept != conn) {
            LOG.debug("duplicate connection to {} closed (keeping {})", remote, kept.direction());
            conn.close();
            return kept;
        }
        openCount(conn.direction()).incrementAndGet();
        conn.closeFuture().whenComplete((v, e) -> {
            openCount(conn.direction()).decrementAndGet();
            connections.remove(remote, conn);
            listeners.forEach(l -> l.disconnected(conn));
        });
        listeners.forEach(l -> l.connected(conn));
        identify.identify(this, remote).whenComplete((info, e) -> {
            if (e != null) {
                LOG.debug("identify of {} failed: {}", remote, e.getMessage());
            }
        });
        return conn;
    }

    /** Of two live connections to one peer, the one dialed by the smaller peer id; closes the loser. */
    private YamuxConnection choose(YamuxConnection existing, YamuxConnection fresh) {
        if (!existing.isOpen()) {
            return fresh;
        }
        boolean weAreSmaller = peerId().multihash().digest().compareTo(existing.remotePeer().multihash().digest()) < 0;
        Direction preferred = weAreSmaller ? Direction.OUTBOUND : Direction.INBOUND;
        if (existing.direction() == fresh.direction() || existing.direction() == preferred) {
            return existing;
        }
        existing.close();
        return fresh;
    }

    /** Closes connections that carried no stream for the idle timeout. */
    private void closeIdleConnections() {
        for (YamuxConnection c : connections.values()) {
            if (c.isOpen() && c.idleFor().compareTo(config.idleTimeout()) >= 0) {
                LOG.debug("closing idle connection to {} (no stream for {})", c.remotePeer(), c.idleFor());
                c.close();
            }
        }
    }

    /** Open connections by direction, kept as counters: counting the map per new connection made N connections cost O(N²). */
    private AtomicInteger openCount(Direction d) {
        return d == Direction.INBOUND ? openInbound : openOutbound;
    }

    private long inboundCount() {
        return openInbound.get();
    }

    @Override
    public Optional<Connection> connection(PeerId peer) {
        YamuxConnection c = connections.get(peer);
        return c != null && c.isOpen() ? Optional.of(c) : Optional.empty();
    }

    @Override
    public List<Connection> connections() {
        return List.copyOf(connections.values());
    }

    @Override
    public CompletableFuture<Stream> newStream(PeerId peer, List<String> protocolIds, StreamHandler handler) {
        return connection(peer)
                .map(c -> c.newStream(protocolIds, handler))
                .orElseGet(() -> CompletableFuture.failedFuture(new NetException("not connected to " + peer)));
    }

    @Override
    public void addProtocol(ProtocolHandler protocol) {
        protocols.put(protocol.protocolId(), protocol);
    }

    @Override
    public Set<String> protocols() {
        return Set.copyOf(protocols.keySet());
    }

    @Override
    public void addConnectionListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public PeerStore peerStore() {
        return peerStore;
    }

    public IdentifyProtocol identify() {
        return identify;
    }

    public PingProtocol ping() {
        return ping;
    }

    @Override
    public CompletableFuture<Void> stop() {
        stopped = true;
        sweeper.shutdownNow();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (YamuxConnection c : connections.values()) {
            closing.add(c.close().exceptionally(e -> null));
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                .thenCompose(v -> transport.stop());
    }
}
