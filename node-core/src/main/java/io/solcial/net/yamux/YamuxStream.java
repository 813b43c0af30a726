package io.solcial.net.yamux;

import static io.solcial.net.yamux.YamuxConstants.FLAG_ACK;
import static io.solcial.net.yamux.YamuxConstants.FLAG_FIN;
import static io.solcial.net.yamux.YamuxConstants.FLAG_RST;
import static io.solcial.net.yamux.YamuxConstants.FLAG_SYN;
import static io.solcial.net.yamux.YamuxConstants.INITIAL_WINDOW;
import static io.solcial.net.yamux.YamuxConstants.TYPE_DATA;
import static io.solcial.net.yamux.YamuxConstants.TYPE_WINDOW_UPDATE;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.NetException;
import io.solcial.net.ProtocolNotSupportedException;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import io.solcial.net.mss.MultistreamSelect;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One yamux stream. All state is confined to the connection's event loop; the public
 * {@link Stream} methods hop onto it. Life: multistream-select on the stream (opener = initiator),
 * then the application handler; FIN both ways or RST ends it.
 *
 * <p>Receive window: {@code recvWindow} is the credit the peer still has. Bytes count as consumed
 * once the handler took them (not while paused and buffered); when half a window was consumed we
 * grant it back with a WindowUpdate. So credit + buffered + consumed-not-granted = window, and a
 * paused stream buffers at most one window.
 */
final class YamuxStream implements Stream {
    private static final Logger LOG = LoggerFactory.getLogger(YamuxStream.class);

    /** Bytes not yet sent (a buffer we own and release) and the writer's future. */
    private record PendingWrite(ByteBuf data, CompletableFuture<Void> done) {
    }

    private final YamuxSession session;
    private final int id;
    private final boolean outbound;
    private final int window;
    private long sendWindow = INITIAL_WINDOW;
    private long recvWindow = INITIAL_WINDOW;
    private long consumedNotGranted;
    private boolean openFlagPending = true;
    private boolean acked;

    private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
    private CompletableFuture<Void> finRequested;
    private boolean finSent;

    private final ArrayDeque<ByteBuf> inbox = new ArrayDeque<>();
    private int buffered;
    private boolean paused;
    private boolean drainScheduled;
    private boolean remoteFin;
    private boolean remoteCloseDelivered;

    private MultistreamSelect mss;
    private CompletableFuture<Stream> opened;
    private StreamHandler handler;
    private String protocol;
    private boolean terminated;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();

    private YamuxStream(YamuxSession session, int id, boolean outbound, int window) {
        this.session = session;
        this.id = id;
        this.outbound = outbound;
        this.window = window;
    }

    static YamuxStream outbound(YamuxSession session, int id, int window, List<String> protocols,
                                StreamHandler handler, CompletableFuture<Stream> opened) {
        YamuxStream s = new YamuxStream(session, id, true, window);
        s.mss = MultistreamSelect.initiator(protocols);
        s.handler = handler;
        s.opened = opened;
        return s;
    }

    static YamuxStream inbound(YamuxSession session, int id, int window) {
        YamuxStream s = new YamuxStream(session, id, false, window);
        s.mss = MultistreamSelect.responder(session.protocols()::supports);
        return s;
    }

    int id() {
        return id;
    }

    boolean isOutbound() {
        return outbound;
    }

    boolean isAcked() {
        return acked;
    }

    long recvWindow() {
        return recvWindow;
    }

    int buffered() {
        return buffered;
    }

    /** Sends the opening frame(s): a larger window if configured, and our multistream header. */
    void start() {
        if (window > INITIAL_WINDOW) {
            recvWindow = window;
            session.writeControl(TYPE_WINDOW_UPDATE, takeOpenFlag(), id, window - INITIAL_WINDOW);
        }
        enqueue(Unpooled.wrappedBuffer(mss.start()), null);
    }

    // ---- frames from the peer (event loop) ----

    void onFrame(YamuxFrame f) {
        if (f.has(FLAG_RST)) {
            terminate(new NetException("stream " + Integer.toUnsignedString(id) + " reset by peer"), false);
            return;
        }
        if (f.has(FLAG_ACK) && !acked) {
            acked = true;
            session.streamAcked(this);
        }
        if (f.type() == TYPE_WINDOW_UPDATE && f.length() > 0) {
            sendWindow += f.length();
            flushWrites();
        }
        if (f.type() == TYPE_DATA && f.payload().isReadable()) {
            if (remoteFin) {
                fail(new ProtocolViolationException("data after FIN on stream " + Integer.toUnsignedString(id)));
                return;
            }
            recvWindow -= f.payload().readableBytes();
            receive(f.payload());
        }
        if (f.has(FLAG_FIN) && !terminated && !remoteFin) {
            remoteFin = true;
            if (mss != null) {
                fail(new NetException("stream closed by peer during protocol negotiation"));
                return;
            }
            deliverPending();
        }
    }

    /** Data from the peer; the caller keeps its reference, the inbox retains its own. */
    private void receive(ByteBuf data) {
        if (terminated) {
            return;
        }
        if (mss != null) {
            negotiate(ByteBufUtil.getBytes(data));
            return;
        }
        inbox.add(data.retain());
        buffered += data.readableBytes();
        session.noteBuffered(buffered);
        deliverPending();
    }

    private void negotiate(byte[] data) {
        MultistreamSelect.Outcome outcome;
        try {
            outcome = mss.receive(data, bytes -> enqueue(Unpooled.wrappedBuffer(bytes), null));
        } catch (RuntimeException e) {
            fail(new ProtocolViolationException("multistream-select failed", e));
            return;
        }
        if (outcome instanceof MultistreamSelect.Pending) {
            consume(data.length);
        } else if (outcome instanceof MultistreamSelect.Failed failed) {
            consume(data.length);
            String reason = failed.reason();
            fail(outbound && failed.notSupported()
                    ? new ProtocolNotSupportedException(reason)
                    : new ProtocolViolationException("multistream-select: " + reason));
        } else if (outcome instanceof MultistreamSelect.Selected selected) {
            byte[] leftover = selected.leftover();
            consume(data.length - leftover.length);
            mss = null;
            protocol = selected.protocol();
            if (!outbound) {
                handler = session.protocols().handlerFor(protocol).orElse(null);
                if (handler == null) {
                    fail(new NetException("no handler for " + protocol));
                    return;
                }
            }
            try {
                handler.onOpen(this);
            } catch (RuntimeException e) {
                LOG.warn("stream handler for {} failed in onOpen", protocol, e);
                fail(new NetException("handler failed", e));
                return;
            }
            if (opened != null) {
                opened.complete(this);
            }
            if (leftover.length > 0) {
                ByteBuf rest = Unpooled.wrappedBuffer(leftover);
                receive(rest);
                rest.release();
            } else if (remoteFin) {
                deliverPending();
            }
        }
    }

    /** Hands buffered data (then FIN, then the end) to the handler while not paused. */
    private void deliverPending() {
        while (!terminated && !paused && !inbox.isEmpty()) {
            ByteBuf data = inbox.poll();
            int n = data.readableBytes();
            buffered -= n;
            try {
                deliver(data);
            } catch (RuntimeException e) {
                LOG.warn("stream handler for {} failed in onData", protocol, e);
                fail(new NetException("handler failed", e));
                return;
            } finally {
                data.release();
            }
            consume(n);
        }
        if (!terminated && !paused && inbox.isEmpty() && remoteFin && !remoteCloseDelivered && mss == null) {
            remoteCloseDelivered = true;
            try {
                handler.onRemoteClose(this);
            } catch (RuntimeException e) {
                LOG.warn("stream handler for {} failed in onRemoteClose", protocol, e);
                fail(new NetException("handler failed", e));
                return;
            }
            maybeClosed();
        }
    }

    /** Hands {@code data} to the handler without copying: one call per contiguous piece. */
    private void deliver(ByteBuf data) {
        if (data.nioBufferCount() == 1) {
            handler.onData(this, data.nioBuffer());
        } else {
            for (ByteBuffer piece : data.nioBuffers()) {
                handler.onData(this, piece);
            }
        }
    }

    private void consume(long n) {
        consumedNotGranted += n;
        if (consumedNotGranted >= window / 2 && !remoteFin && !terminated) {
            long delta = consumedNotGranted;
            consumedNotGranted = 0;
            recvWindow += delta;
            session.writeControl(TYPE_WINDOW_UPDATE, takeOpenFlag(), id, delta);
            session.flush();
        }
    }

    // ---- writing (event loop) ----

    /** Queues {@code data} (ours from now on: released once sent or dropped) and sends what the window allows. */
    private void enqueue(ByteBuf data, CompletableFuture<Void> done) {
        if (terminated || finRequested != null) {
            data.release();
            if (done != null) {
                done.completeExceptionally(new NetException("stream closed for writing"));
            }
            return;
        }
        if (!data.isReadable()) {
            data.release();
            if (done != null) {
                done.complete(null);
            }
            return;
        }
        writes.add(new PendingWrite(data, done));
        flushWrites();
    }

    private void flushWrites() {
        boolean wrote = false;
        while (!terminated && !writes.isEmpty() && sendWindow > 0) {
            PendingWrite head = writes.peek();
            ByteBuf data = head.data();
            int n = (int) Math.min(Math.min(data.readableBytes(), sendWindow), session.maxFramePayload());
            ChannelFuture f = session.writeData(takeOpenFlag(), id, data.readRetainedSlice(n));
            sendWindow -= n;
            wrote = true;
            if (!data.isReadable()) {
                writes.poll();
                data.release();
                complete(f, head.done());
            }
        }
        if (!terminated && writes.isEmpty() && finRequested != null && !finSent) {
            finSent = true;
            complete(session.writeControl(TYPE_WINDOW_UPDATE, takeOpenFlag() | FLAG_FIN, id, 0), finRequested);
            wrote = true;
        }
        if (wrote) {
            session.flush();
        }
        maybeClosed();
    }

    private static void complete(ChannelFuture f, CompletableFuture<Void> done) {
        if (done == null) {
            return;
        }
        f.addListener(r -> {
            if (r.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new NetException("write failed", r.cause()));
            }
        });
    }

    private int takeOpenFlag() {
        if (!openFlagPending) {
            return 0;
        }
        openFlagPending = false;
        if (!outbound) {
            session.streamAcked(this);
            return FLAG_ACK;
        }
        return FLAG_SYN;
    }

    boolean ackSent() {
        return !openFlagPending;
    }

    // ---- ending ----

    private void maybeClosed() {
        if (!terminated && finSent && remoteFin && remoteCloseDelivered) {
            terminate(null, false);
        }
    }

    /** A stream-level error: RST the stream and report {@code cause}. */
    void fail(NetException cause) {
        terminate(cause, true);
    }

    /** Ends the stream: fails pending work, tells the handler, leaves the session. */
    void terminate(NetException cause, boolean sendReset) {
        if (terminated) {
            return;
        }
        terminated = true;
        if (sendReset) {
            session.writeControl(TYPE_WINDOW_UPDATE, takeOpenFlag() | FLAG_RST, id, 0);
            session.flush();
        }
        NetException writeCause = cause != null ? cause : new NetException("stream closed");
        for (PendingWrite w : writes) {
            w.data().release();
            if (w.done() != null) {
                w.done().completeExceptionally(writeCause);
            }
        }
        writes.clear();
        if (finRequested != null && !finSent) {
            finRequested.completeExceptionally(writeCause);
        }
        inbox.forEach(ByteBuf::release);
        inbox.clear();
        buffered = 0;
        session.streamEnded(this);
        if (opened != null && !opened.isDone()) {
            opened.completeExceptionally(cause != null ? cause : new NetException("stream closed"));
        } else if (handler != null && mss == null) {
            try {
                handler.onClosed(this, cause);
            } catch (RuntimeException e) {
                LOG.warn("stream handler for {} failed in onClosed", protocol, e);
            }
        }
        closeFuture.complete(null);
    }

    // ---- public API (any thread) ----

    @Override
    public PeerId remotePeer() {
        return session.remotePeer();
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public Multiaddr remoteAddress() {
        return session.remoteAddress();
    }

    @Override
    public CompletableFuture<Void> write(byte[] data) {
        // A pooled copy, not data.clone(): a fresh 64 KiB array per write is cold memory.
        ByteBuf copy = session.copyOf(data);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!session.onLoop(() -> enqueue(copy, done), done)) {
            copy.release();
        }
        return done;
    }

    @Override
    public CompletableFuture<Void> closeWrite() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.onLoop(() -> {
            if (terminated) {
                done.completeExceptionally(new NetException("stream closed"));
            } else if (finRequested != null) {
                finRequested.whenComplete((v, e) -> {
                    if (e == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(e);
                    }
                });
            } else {
                finRequested = done;
                flushWrites();
            }
        }, done);
        return done;
    }

    @Override
    public void reset() {
        session.onLoop(() -> fail(new NetException("stream reset locally")), null);
    }

    @Override
    public void pause() {
        session.onLoop(() -> paused = true, null);
    }

    @Override
    public void resume() {
        session.onLoop(() -> {
            paused = false;
            if (!drainScheduled) {
                drainScheduled = true;
                // Not inline: resume() may be called from inside onData.
                session.eventLoop().execute(() -> {
                    drainScheduled = false;
                    deliverPending();
                });
            }
        }, null);
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public String toString() {
        return "YamuxStream[" + Integer.toUnsignedString(id) + (outbound ? " out " : " in ") + protocol + "]";
    }
}
