package io.solcial.net.yamux;

import static io.solcial.net.yamux.YamuxConstants.ACK_BACKLOG;
import static io.solcial.net.yamux.YamuxConstants.FLAG_ACK;
import static io.solcial.net.yamux.YamuxConstants.FLAG_RST;
import static io.solcial.net.yamux.YamuxConstants.FLAG_SYN;
import static io.solcial.net.yamux.YamuxConstants.GO_AWAY_INTERNAL_ERROR;
import static io.solcial.net.yamux.YamuxConstants.GO_AWAY_NORMAL;
import static io.solcial.net.yamux.YamuxConstants.GO_AWAY_PROTOCOL_ERROR;
import static io.solcial.net.yamux.YamuxConstants.INITIAL_WINDOW;
import static io.solcial.net.yamux.YamuxConstants.TYPE_DATA;
import static io.solcial.net.yamux.YamuxConstants.TYPE_GO_AWAY;
import static io.solcial.net.yamux.YamuxConstants.TYPE_PING;
import static io.solcial.net.yamux.YamuxConstants.TYPE_WINDOW_UPDATE;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.NetException;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The yamux session: the pipeline handler after {@link YamuxFrameDecoder}. Owns the stream table,
 * session pings and keepalive, GoAway, and every write to the channel. All state is confined to
 * the channel's event loop.
 *
 * <p>Frames for a stream id we do not know (never opened, or already ended): a Data frame is
 * answered with RST, so a sender that missed our close stops; WindowUpdate and RST frames are
 * dropped silently (a late window update after a clean close is normal). The spec text says
 * nothing on this, so this only avoids needless traffic and never hurts the connection.
 */
final class YamuxSession extends ChannelInboundHandlerAdapter implements YamuxFrameDecoder.DataLimit {
    private static final Logger LOG = LoggerFactory.getLogger(YamuxSession.class);

    private final Channel channel;
    private final YamuxConfig config;
    private final InboundProtocols protocols;
    private final boolean client;
    private final PeerId remotePeer;
    private final Multiaddr remoteAddress;
    private final Map<Integer, YamuxStream> streams = new HashMap<>();
    /** System.nanoTime() since when no stream has been open, or {@link #BUSY} while one is. */
    private volatile long idleSinceNanos = System.nanoTime();
    static final long BUSY = Long.MIN_VALUE;
    private final Map<Long, PendingPing> pings = new HashMap<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final AtomicLong peakBuffered = new AtomicLong();
    private final AtomicLong refusedStreams = new AtomicLong();
    private ChannelHandlerContext ctx;
    private int nextStreamId;
    private long nextPing = 1;
    private int inboundCount;
    private int outboundCount;
    private int unackedInbound;
    private int unackedOutbound;
    private boolean goAwaySent;
    private boolean goAwayReceived;
    private NetException closeCause;
    private ScheduledFuture<?> keepalive;

    private record PendingPing(long startNanos, CompletableFuture<Duration> result, ScheduledFuture<?> timeout) {
    }

    YamuxSession(Channel channel, YamuxConfig config, InboundProtocols protocols, boolean client, PeerId remotePeer,
                 Multiaddr remoteAddress) {
        this.channel = channel;
        this.config = config;
        this.protocols = protocols;
        this.client = client;
        this.remotePeer = remotePeer;
        this.remoteAddress = remoteAddress;
        this.nextStreamId = client ? 1 : 2;
    }

    // ---- accessors for streams and the connection ----

    /** How long the session has had no open stream; zero while one is open. Any thread. */
    java.time.Duration idleFor() {
        long since = idleSinceNanos;
        return since == BUSY ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - since);
    }

    InboundProtocols protocols() {
        return protocols;
    }

    PeerId remotePeer() {
        return remotePeer;
    }

    Multiaddr remoteAddress() {
        return remoteAddress;
    }

    int maxFramePayload() {
        return config.maxFramePayload();
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    long peakBuffered() {
        return peakBuffered.get();
    }

    long refusedStreams() {
        return refusedStreams.get();
    }

    void noteBuffered(int bytes) {
        peakBuffered.accumulateAndGet(bytes, Math::max);
    }

    /**
     * Runs {@code task} on the event loop (inline when already there); fails {@code onReject} and
     * returns false if the loop is gone.
     */
    boolean onLoop(Runnable task, CompletableFuture<?> onReject) {
        EventLoop loop = eventLoop();
        if (loop.inEventLoop() && ctx != null) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            if (onReject != null) {
                onReject.completeExceptionally(new NetException("connection closed", e));
            }
            return false;
        }
    }

    /** Writes a frame without payload (WindowUpdate, Ping, GoAway, or an empty Data frame). */
    ChannelFuture writeControl(int type, int flags, int streamId, long length) {
        return ctx.write(YamuxFrame.encodeControl(ctx.alloc(), type, flags, streamId, length));
    }

    /**
     * Writes a Data frame: its header, then {@code payload} (released by the pipeline) as a
     * second write, uncopied; the Noise codec puts both into one message.
     */
    ChannelFuture writeData(int flags, int streamId, ByteBuf payload) {
        ctx.write(YamuxFrame.encodeHeader(ctx.alloc(), TYPE_DATA, flags, streamId, payload.readableBytes()));
        return ctx.write(payload);
    }

    /** A heap buffer from the channel's allocator (any thread). */
    ByteBuf copyOf(byte[] data) {
        return channel.alloc().heapBuffer(data.length).writeBytes(data);
    }

    void flush() {
        ctx.flush();
    }

    // ---- lifecycle ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        long interval = config.keepaliveInterval().toNanos();
        if (interval > 0) {
            keepalive = ctx.executor().scheduleAtFixedRate(this::keepalivePing, interval, interval, TimeUnit.NANOSECONDS);
        }
        ctx.channel().closeFuture().addListener(f -> onChannelClosed());
    }

    private void keepalivePing() {
        if (ctx.channel().isActive()) {
            ping();
        }
    }

    CompletableFuture<Duration> ping() {
        CompletableFuture<Duration> result = new CompletableFuture<>();
        onLoop(() -> {
            if (closeCause != null || !ctx.channel().isActive()) {
                result.completeExceptionally(new NetException("connection closed"));
                return;
            }
            long opaque = nextPing++ & 0xFFFF_FFFFL;
            ScheduledFuture<?> timeout = ctx.executor().schedule(() -> pingTimedOut(opaque),
                    config.pingTimeout().toNanos(), TimeUnit.NANOSECONDS);
            pings.put(opaque, new PendingPing(System.nanoTime(), result, timeout));
            writeControl(TYPE_PING, FLAG_SYN, 0, opaque);
            flush();
        }, result);
        return result;
    }

    private void pingTimedOut(long opaque) {
        PendingPing p = pings.remove(opaque);
        if (p != null) {
            NetException cause = new NetException("ping not answered within " + config.pingTimeout());
            p.result().completeExceptionally(cause);
            LOG.debug("closing connection to {}: {}", remotePeer, cause.getMessage());
            close(cause, GO_AWAY_INTERNAL_ERROR);
        }
    }

    /** Sends GoAway with {@code code} and closes the channel; streams end with {@code cause}. */
    void close(NetException cause, int code) {
        if (closeCause == null) {
            closeCause = cause;
        }
        if (!goAwaySent && ctx.channel().isActive()) {
            goAwaySent = true;
            writeControl(TYPE_GO_AWAY, 0, 0, code);
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private void onChannelClosed() {
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        NetException cause = closeCause != null ? closeCause : new NetException("connection lost");
        closeCause = cause;
        for (PendingPing p : pings.values()) {
            p.timeout().cancel(false);
            p.result().completeExceptionally(cause);
        }
        pings.clear();
        for (YamuxStream s : new ArrayList<>(streams.values())) {
            s.terminate(cause, false);
        }
        closeFuture.complete(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolViolationException pv) {
            LOG.debug("yamux protocol violation by {}: {}", remotePeer, pv.getMessage());
            close(pv, GO_AWAY_PROTOCOL_ERROR);
        } else {
            LOG.debug("yamux connection to {} failed", remotePeer, root);
            close(new NetException("connection failed", root), GO_AWAY_INTERNAL_ERROR);
        }
    }

    // ---- opening streams ----

    void openStream(List<String> protocolIds, StreamHandler handler, CompletableFuture<Stream> opened) {
        if (closeCause != null || goAwaySent || !ctx.channel().isActive()) {
            opened.completeExceptionally(new NetException("connection closed"));
            return;
        }
        if (goAwayReceived) {
            opened.completeExceptionally(new NetException("peer sent GoAway: no new streams"));
            return;
        }
        if (outboundCount >= config.maxOutboundStreams() || unackedOutbound >= ACK_BACKLOG) {
            opened.completeExceptionally(new NetException("too many outbound streams"));
            return;
        }
        if (nextStreamId < 0) {
            opened.completeExceptionally(new NetException("stream ids exhausted"));
            return;
        }
        int id = nextStreamId;
        nextStreamId += 2;
        YamuxStream s = YamuxStream.outbound(this, id, config.initialWindow(), protocolIds, handler, opened);
        streams.put(id, s);
        idleSinceNanos = BUSY;
        outboundCount++;
        unackedOutbound++;
        s.start();
    }

    void streamAcked(YamuxStream s) {
        if (s.isOutbound()) {
            unackedOutbound--;
        } else {
            unackedInbound--;
        }
    }

    void streamEnded(YamuxStream s) {
        if (streams.remove(s.id()) != s) {
            return;
        }
        if (streams.isEmpty()) {
            idleSinceNanos = System.nanoTime();
        }
        if (s.isOutbound()) {
            outboundCount--;
            if (!s.isAcked()) {
                unackedOutbound--;
            }
        } else {
            inboundCount--;
            if (!s.ackSent()) {
                unackedInbound--;
            }
        }
        if (goAwayReceived && streams.isEmpty() && closeCause == null) {
            close(new NetException("peer sent GoAway"), GO_AWAY_NORMAL);
        }
    }

    // ---- frames from the peer ----

    @Override
    public long maxDataLength(int streamId, int flags) {
        YamuxStream s = streams.get(streamId);
        if (s != null) {
            return s.recvWindow();
        }
        if ((flags & FLAG_SYN) != 0) {
            return INITIAL_WINDOW; // a new stream: the peer may assume only the spec's initial window
        }
        // A stream we already ended: the peer may still send what its credit allowed; dropped.
        return Math.max(INITIAL_WINDOW, config.initialWindow());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof YamuxFrame f)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (closeCause != null) {
                return;
            }
            switch (f.type()) {
                case TYPE_PING -> onPing(f);
                case TYPE_GO_AWAY -> onGoAway(f);
                default -> onStreamFrame(f);
            }
        } finally {
            f.release(); // a stream retains what it keeps
        }
    }

    private void onPing(YamuxFrame f) {
        if (f.has(FLAG_SYN)) {
            writeControl(TYPE_PING, FLAG_ACK, 0, f.length());
            flush();
        } else if (f.has(FLAG_ACK)) {
            PendingPing p = pings.remove(f.length());
            if (p != null) {
                p.timeout().cancel(false);
                p.result().complete(Duration.ofNanos(System.nanoTime() - p.startNanos()));
            }
        }
    }

    private void onGoAway(YamuxFrame f) {
        goAwayReceived = true;
        if (f.length() != GO_AWAY_NORMAL) {
            close(new NetException("peer sent GoAway with error code " + f.length()), GO_AWAY_NORMAL);
        } else if (streams.isEmpty()) {
            close(new NetException("peer sent GoAway"), GO_AWAY_NORMAL);
        }
    }

    private void onStreamFrame(YamuxFrame f) {
        int id = f.streamId();
        if (id == 0) {
            close(new ProtocolViolationException("stream frame on stream id 0"), GO_AWAY_PROTOCOL_ERROR);
            return;
        }
        YamuxStream s = streams.get(id);
        if (f.has(FLAG_SYN)) {
            if (s != null) {
                close(new ProtocolViolationException("SYN for open stream " + Integer.toUnsignedString(id)),
                        GO_AWAY_PROTOCOL_ERROR);
                return;
            }
            s = accept(f);
            if (s == null) {
                return;
            }
        }
        if (s != null) {
            s.onFrame(f);
        } else if (f.type() == TYPE_DATA && !f.has(FLAG_RST)) {
            writeControl(TYPE_WINDOW_UPDATE, FLAG_RST, id, 0);
            flush();
        }
    }

    /** A SYN from the peer: a new inbound stream, or null when refused (RST sent). */
    private YamuxStream accept(YamuxFrame f) {
        int id = f.streamId();
        boolean peerParity = (id & 1) == (client ? 0 : 1);
        String refusal = null;
        if (!peerParity) {
            refusal = "wrong stream id parity";
        } else if (goAwaySent || goAwayReceived) {
            refusal = "going away";
        } else if (inboundCount >= config.maxInboundStreams()) {
            refusal = "inbound stream limit " + config.maxInboundStreams();
        } else if (unackedInbound >= ACK_BACKLOG) {
            refusal = "ACK backlog full";
        }
        if (refusal != null) {
            LOG.debug("refusing stream {} from {}: {}", Integer.toUnsignedString(id), remotePeer, refusal);
            refusedStreams.incrementAndGet();
            if (!f.has(FLAG_RST)) {
                writeControl(TYPE_WINDOW_UPDATE, FLAG_RST, id, 0);
                flush();
            }
            return null;
        }
        YamuxStream s = YamuxStream.inbound(this, id, config.initialWindow());
        streams.put(id, s);
        idleSinceNanos = BUSY;
        inboundCount++;
        unackedInbound++;
        s.start();
        return s;
    }
}
