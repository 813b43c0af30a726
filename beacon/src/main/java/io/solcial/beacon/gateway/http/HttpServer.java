package io.solcial.beacon.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 server on Netty: keep-alive, the {@link HttpLimits}, a {@link Router} whose
 * handlers run on a bounded worker pool, and a graceful {@link #close()}: stop accepting, let
 * running requests finish for the grace period, then close every connection.
 */
public final class HttpServer implements AutoCloseable {
    /** Request bodies: none is accepted. */
    private static final int MAX_BODY = 0;
    private static final int MAX_CHUNK = 8192;

    private final HttpLimits limits;
    private final Router router;
    private final RequestObserver observer;
    private final ConnectionLimiter limiter;
    private final ChannelGroup channels = new DefaultChannelGroup("gateway", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup acceptors;
    private EventLoopGroup io;
    private ThreadPoolExecutor workers;
    private Channel server;

    public HttpServer(HttpLimits limits, Router router, RequestObserver observer) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.router = Objects.requireNonNull(router, "router");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.limiter = new ConnectionLimiter(limits.maxConnections());
    }

    /** Binds and starts serving; port 0 picks a free port. Returns the bound address. */
    public synchronized InetSocketAddress start(String host, int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("gateway-accept", true), NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("gateway-io", true), NioIoHandler.newFactory());
        workers = new ThreadPoolExecutor(limits.workerThreads(), limits.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, limits.maxQueued())), new DefaultThreadFactory("gateway-worker", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        // The request line holds the method and version besides the URI; the
                        // parser then checks the URI itself against maxUriLength.
                        ch.pipeline()
                                .addLast(new HttpServerCodec(limits.maxUriLength() + 32, limits.maxHeaderBytes(), MAX_CHUNK))
                                .addLast(new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(limiter)
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(new RequestDispatcher(router, workers, limits, observer));
                    }
                });
        try {
            server = bootstrap.bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while binding " + host + ":" + port, e);
        } catch (RuntimeException e) {
            close();
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return (InetSocketAddress) server.localAddress();
    }

    /** Open client connections (for tests and status). */
    public int openConnections() {
        return limiter.open();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close().awaitUninterruptibly();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(limits.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers.shutdownNow();
        }
        channels.close().awaitUninterruptibly();
        if (io != null) {
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        server = null;
    }
}
