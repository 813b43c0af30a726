package io.solcial.net.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.net.Direction;
import io.solcial.net.transport.SecuredChannel;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Yamux over real loopback TCP without Noise: the {@link SecuredChannel} is a plain channel with
 * test keys. Also a raw socket peer that speaks frames by hand, and a ByteBuf leak watch.
 */
final class YamuxTestNet implements AutoCloseable {
    static final Ed25519KeyPair CLIENT_KEY = Ed25519KeyPair.fromSeed(filled(1));
    static final Ed25519KeyPair SERVER_KEY = Ed25519KeyPair.fromSeed(filled(2));

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();

    record Pair(YamuxConnection client, YamuxConnection server) {
    }

    private static byte[] filled(int b) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) b);
        return seed;
    }

    /** Starts a listener whose accepted connections become yamux servers. */
    private InetSocketAddress listen(YamuxConfig cfg, InboundProtocols protocols,
                                     CompletableFuture<YamuxConnection> accepted) throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.complete(YamuxMuxer.install(
                                new SecuredChannel(ch, Direction.INBOUND, CLIENT_KEY.publicKey(), new byte[0]),
                                cfg, protocols));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        channels.add(server);
        return (InetSocketAddress) server.localAddress();
    }

    Pair pair(YamuxConfig clientCfg, InboundProtocols clientProtocols, YamuxConfig serverCfg,
              InboundProtocols serverProtocols) throws Exception {
        CompletableFuture<YamuxConnection> accepted = new CompletableFuture<>();
        InetSocketAddress addr = listen(serverCfg, serverProtocols, accepted);
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                    }
                }).connect(addr).sync().channel();
        channels.add(ch);
        YamuxConnection client = YamuxMuxer.install(
                new SecuredChannel(ch, Direction.OUTBOUND, SERVER_KEY.publicKey(), new byte[0]), clientCfg, clientProtocols);
        return new Pair(client, accepted.get(5, TimeUnit.SECONDS));
    }

    Pair pair(InboundProtocols clientProtocols, InboundProtocols serverProtocols) throws Exception {
        YamuxConfig cfg = YamuxConfig.defaults();
        return pair(cfg, clientProtocols, cfg, serverProtocols);
    }

    /** A yamux server and a raw socket client that writes frames by hand. */
    RawPeer raw(YamuxConfig serverCfg, InboundProtocols serverProtocols) throws Exception {
        CompletableFuture<YamuxConnection> accepted = new CompletableFuture<>();
        InetSocketAddress addr = listen(serverCfg, serverProtocols, accepted);
        Socket socket = new Socket(addr.getAddress(), addr.getPort());
        socket.setSoTimeout(5000);
        return new RawPeer(socket, accepted.get(5, TimeUnit.SECONDS));
    }

    @Override
    public void close() throws Exception {
        for (Channel c : channels) {
            c.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    record Frame(int type, int flags, int streamId, long length, byte[] data) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    /** A peer speaking yamux frames by hand over a blocking socket (the client side: odd ids). */
    static final class RawPeer implements AutoCloseable {
        final Socket socket;
        final YamuxConnection server;
        private final DataInputStream in;
        private final OutputStream out;

        RawPeer(Socket socket, YamuxConnection server) throws IOException {
            this.socket = socket;
            this.server = server;
            InputStream raw = socket.getInputStream();
            this.in = new DataInputStream(raw);
            this.out = socket.getOutputStream();
        }

        void send(int version, int type, int flags, int streamId, long length, byte[] data) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(12 + data.length);
            b.put((byte) version).put((byte) type).putShort((short) flags).putInt(streamId).putInt((int) length).put(data);
            out.write(b.array());
            out.flush();
        }

        void send(int type, int flags, int streamId, long length) throws IOException {
            send(0, type, flags, streamId, length, new byte[0]);
        }

        void sendData(int flags, int streamId, byte[] data) throws IOException {
            send(0, YamuxConstants.TYPE_DATA, flags, streamId, data.length, data);
        }

        Frame read() throws IOException {
            byte[] h = new byte[12];
            in.readFully(h);
            ByteBuffer b = ByteBuffer.wrap(h);
            int version = b.get();
            assertEquals(0, version);
            int type = b.get();
            int flags = b.getShort() & 0xFFFF;
            int id = b.getInt();
            long length = b.getInt() & 0xFFFF_FFFFL;
            byte[] data = new byte[type == YamuxConstants.TYPE_DATA ? (int) length : 0];
            in.readFully(data);
            return new Frame(type, flags, id, length, data);
        }

        /** Reads frames until one matches; skips the server's keepalive pings etc. */
        Frame readUntil(java.util.function.Predicate<Frame> match) throws IOException {
            for (int i = 0; i < 1000; i++) {
                Frame f = read();
                if (match.test(f)) {
                    return f;
                }
            }
            throw new AssertionError("no matching frame");
        }

        /** Ping/pong round trip: proves the connection is still serving. */
        void assertAlive() throws IOException {
            send(YamuxConstants.TYPE_PING, YamuxConstants.FLAG_SYN, 0, 4242);
            Frame pong = readUntil(f -> f.type() == YamuxConstants.TYPE_PING && f.has(YamuxConstants.FLAG_ACK));
            assertEquals(4242, pong.length());
        }

        /** Reads until EOF; returns the GoAway code seen (or -1). */
        long readToEof() throws IOException {
            long goAway = -1;
            while (true) {
                Frame f;
                try {
                    f = read();
                } catch (java.io.EOFException | java.net.SocketException e) {
                    return goAway;
                }
                if (f.type() == YamuxConstants.TYPE_GO_AWAY) {
                    goAway = f.length();
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

}
