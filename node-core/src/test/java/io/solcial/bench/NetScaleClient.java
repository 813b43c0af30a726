package io.solcial.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Direction;
import io.solcial.net.PeerStore;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import io.solcial.net.identify.IdentifyProtocol;
import io.solcial.net.transport.ConnectionUpgrader;
import io.solcial.net.yamux.InboundProtocols;
import io.solcial.net.yamux.YamuxConfig;
import io.solcial.net.yamux.YamuxConnection;
import io.solcial.net.yamux.YamuxMuxer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of {@link NetScaleBench}, run as a child JVM: opens {@code count} libp2p
 * connections to one server, each from its own peer identity, all on one shared Netty event loop
 * group (a {@code Libp2pHost} per connection would cost threads per connection). Each connection
 * is the host's full upgrade (TCP, multistream, Noise XX, yamux), answers the server's identify
 * and identifies the server in turn. Prints {@code progress <n>} lines, then
 * {@code ready <connected> <failed> <millis>}, and holds the connections until stdin closes.
 *
 * <pre>NetScaleClient &lt;host:port&gt; &lt;server peer id&gt; &lt;count&gt; &lt;in flight&gt;</pre>
 */
public final class NetScaleClient {
    private NetScaleClient() {
    }

    public static void main(String[] args) throws Exception {
        String[] hostPort = args[0].split(":");
        InetSocketAddress server = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        PeerId serverPeer = PeerId.parse(args[1]);
        int count = Integer.parseInt(args[2]);
        Semaphore inFlight = new Semaphore(Integer.parseInt(args[3]));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("scale-client", true),
                NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.AUTO_READ, false) // the upgrader turns reading on once its handlers are in
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                    }
                });
        Queue<YamuxConnection> held = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            open(bootstrap, server, serverPeer, Ed25519KeyPair.generate()).whenComplete((conn, e) -> {
                inFlight.release();
                if (e != null) {
                    failed.incrementAndGet();
                    System.err.println("connection failed: " + e);
                } else {
                    held.add(conn);
                }
                int n = done.incrementAndGet();
                if (n % 1000 == 0) {
                    System.out.printf(Locale.ROOT, "progress %d%n", n);
                }
                if (n == count) {
                    all.complete(null);
                }
            });
        }
        all.get(10, TimeUnit.MINUTES);
        System.out.printf(Locale.ROOT, "ready %d %d %d%n", held.size(), failed.get(), (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the connections until the bench closes our stdin
        }
        held.forEach(YamuxConnection::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        System.exit(0);
    }

    /** One connection: TCP, upgrade as {@code key}, yamux serving identify, then identify the server. */
    private static CompletableFuture<YamuxConnection> open(Bootstrap bootstrap, InetSocketAddress server, PeerId serverPeer,
            Ed25519KeyPair key) {
        CompletableFuture<YamuxConnection> result = new CompletableFuture<>();
        IdentifyProtocol identify = new IdentifyProtocol(key.publicKey(), "solcial-bench-client", List::<Multiaddr>of,
                () -> Set.of(IdentifyProtocol.ID), new PeerStore(), Clock.systemUTC());
        InboundProtocols inbound = InboundProtocols.of(List.of(identify.handler()));
        bootstrap.connect(server).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            new ConnectionUpgrader(key, Duration.ofSeconds(60)).upgrade(f.channel(), Direction.OUTBOUND, Optional.of(serverPeer))
                    .whenComplete((secured, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                            return;
                        }
                        YamuxConnection conn = YamuxMuxer.install(secured, YamuxConfig.defaults(), inbound);
                        conn.newStream(List.of(IdentifyProtocol.ID), new DrainUntilClosed(result, conn))
                                .whenComplete((s, se) -> {
                                    if (se != null) {
                                        result.completeExceptionally(se);
                                    }
                                });
                    });
        });
        return result;
    }

    /** Reads the server's identify record (not parsed: the server's side is what is measured) until it closes. */
    private record DrainUntilClosed(CompletableFuture<YamuxConnection> result, YamuxConnection conn) implements StreamHandler {
        @Override
        public void onData(Stream stream, byte[] data) {
        }

        @Override
        public void onRemoteClose(Stream stream) {
            stream.closeWrite();
            result.complete(conn);
        }

        @Override
        public void onClosed(Stream stream, Throwable cause) {
            if (cause != null) {
                result.completeExceptionally(cause);
            } else {
                result.complete(conn);
            }
        }
    }
}
