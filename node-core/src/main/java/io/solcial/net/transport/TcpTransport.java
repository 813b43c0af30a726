package io.solcial.net.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.multiformats.MultiaddrProtocol;
import io.solcial.net.Direction;
import io.solcial.net.NetException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP over Netty NIO: listens on and dials {@code /ip4|ip6|dns|dns4|dns6/…/tcp/…[/p2p/ID]} and runs
 * the {@link ConnectionUpgrader} on every new channel. Owns one acceptor and one I/O event loop
 * group, plus a single resolver thread (name lookups block, so they stay off the event loops);
 * {@link #close()} closes the listeners and shuts them all down, which closes every channel.
 */
public final class TcpTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final ConnectionUpgrader upgrader;
    private final TcpTransportConfig config;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final DefaultEventExecutor resolver;
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();

    public TcpTransport(ConnectionUpgrader upgrader, TcpTransportConfig config) {
        this.upgrader = Objects.requireNonNull(upgrader, "upgrader");
        this.config = Objects.requireNonNull(config, "config");
        this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tcp-accept", true), NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("tcp-io", true), NioIoHandler.newFactory());
        this.resolver = new DefaultEventExecutor(new DefaultThreadFactory("tcp-resolve", true));
    }

    /**
     * Binds {@code address} ({@code /ip4|ip6/<ip>/tcp/<port>}, port 0 for any) and hands each
     * upgraded inbound connection to {@code handler}. Completes with the bound address (real port).
     */
    public CompletableFuture<Multiaddr> listen(Multiaddr address, InboundConnectionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        CompletableFuture<Multiaddr> bound = new CompletableFuture<>();
        Optional<InetSocketAddress> socket = address.tcpSocketAddress();
        if (socket.isEmpty() || socket.get().isUnresolved() || address.peerIdMultihash().isPresent()) {
            bound.completeExceptionally(new IllegalArgumentException("not a listenable /ip4|ip6/…/tcp/… address: " + address));
            return bound;
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted(ch, handler);
                    }
                });
        bootstrap.bind(socket.get()).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                listeners.add(f.channel());
                Multiaddr real = TcpAddresses.toMultiaddr((InetSocketAddress) f.channel().localAddress());
                LOG.debug("listening on {}", real);
                bound.complete(real);
            } else {
                bound.completeExceptionally(new NetException("cannot listen on " + address + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        return bound;
    }

    private void accepted(SocketChannel ch, InboundConnectionHandler handler) {
        InetSocketAddress remote = ch.remoteAddress();
        upgrader.upgrade(ch, Direction.INBOUND, Optional.empty()).whenComplete((secured, e) -> {
            if (e != null) {
                LOG.debug("inbound connection from {} failed its upgrade: {}", remote, e.getMessage());
                handler.failed(remote, e);
                return;
            }
            try {
                handler.secured(secured);
            } catch (RuntimeException ex) {
                LOG.warn("inbound connection handler failed; closing {}", ch, ex);
                ch.close();
            }
        });
    }

    /**
     * Connects to {@code address} and upgrades the connection; when the address ends with
     * {@code /p2p/<id>} the remote must authenticate as that peer.
     */
    public CompletableFuture<SecuredChannel> dial(Multiaddr address) {
        CompletableFuture<SecuredChannel> result = new CompletableFuture<>();
        Optional<InetSocketAddress> target = address.tcpSocketAddress();
        if (target.isEmpty()) {
            result.completeExceptionally(new NetException("not a dialable TCP address: " + address));
            return result;
        }
        Optional<PeerId> expected;
        try {
            expected = address.peerIdMultihash().map(PeerId::new);
        } catch (RuntimeException e) {
            result.completeExceptionally(new NetException("bad /p2p component in " + address + ": " + e.getMessage(), e));
            return result;
        }
        resolve(address, target.get()).whenComplete((resolved, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                connect(address, resolved, expected, result);
            }
        });
        return result;
    }

    private void connect(Multiaddr address, InetSocketAddress remote, Optional<PeerId> expected,
                         CompletableFuture<SecuredChannel> result) {
        Bootstrap bootstrap = new Bootstrap()
                .group(workers)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // the upgrader installs its handlers once connected
                    }
                });
        bootstrap.connect(remote).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new NetException("cannot connect to " + address + ": " + f.cause().getMessage(), f.cause()));
                return;
            }
            upgrader.upgrade(f.channel(), Direction.OUTBOUND, expected).whenComplete((secured, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else if (!result.complete(secured)) {
                    secured.channel().close(); // the caller gave up
                }
            });
        });
    }

    /** Literal IPs as they are; names looked up on the resolver thread, filtered by dns4/dns6. */
    private CompletableFuture<InetSocketAddress> resolve(Multiaddr address, InetSocketAddress target) {
        if (!target.isUnresolved()) {
            return CompletableFuture.completedFuture(target);
        }
        MultiaddrProtocol family = address.components().get(0).protocol();
        CompletableFuture<InetSocketAddress> resolved = new CompletableFuture<>();
        resolver.execute(() -> {
            Future<List<InetSocketAddress>> lookup = DefaultAddressResolverGroup.INSTANCE.getResolver(resolver).resolveAll(target);
            lookup.addListener(f -> {
                if (!f.isSuccess()) {
                    resolved.completeExceptionally(new NetException("cannot resolve " + target.getHostString() + ": " + f.cause().getMessage(), f.cause()));
                    return;
                }
                Optional<InetSocketAddress> match = lookup.getNow().stream().filter(a -> TcpAddresses.matches(family, a)).findFirst();
                match.ifPresentOrElse(resolved::complete, () -> resolved.completeExceptionally(
                        new NetException("no " + family + " address for " + target.getHostString())));
            });
        });
        return resolved;
    }

    private WriteBufferWaterMark waterMark() {
        return new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark());
    }

    /** Closes the listeners, then every connection, and stops the threads. */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        listeners.forEach(Channel::close);
        listeners.clear();
        Future<?> a = acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        Future<?> w = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        Future<?> r = resolver.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        a.addListener(x -> w.addListener(y -> r.addListener(z -> done.complete(null))));
        return done;
    }

    @Override
    public void close() {
        stop().join();
    }
}
