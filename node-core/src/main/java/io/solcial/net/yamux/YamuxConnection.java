package io.solcial.net.yamux;

import static io.solcial.net.yamux.YamuxConstants.GO_AWAY_NORMAL;

import io.netty.channel.Channel;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.Direction;
import io.solcial.net.NetException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** A {@link Connection} multiplexed with yamux over a secured channel. Methods may be called from any thread. */
public final class YamuxConnection implements Connection {
    private final Channel channel;
    private final YamuxSession session;
    private final Direction direction;
    private final PeerId remotePeer;
    private final Multiaddr remoteAddress;
    private final Multiaddr localAddress;

    YamuxConnection(Channel channel, YamuxSession session, Direction direction, PeerId remotePeer,
                    Multiaddr remoteAddress, Multiaddr localAddress) {
        this.channel = channel;
        this.session = session;
        this.direction = direction;
        this.remotePeer = remotePeer;
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
    }

    @Override
    public PeerId remotePeer() {
        return remotePeer;
    }

    @Override
    public Multiaddr remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Multiaddr localAddress() {
        return localAddress;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public boolean isOpen() {
        return channel.isActive() && !session.closeFuture().isDone();
    }

    @Override
    public CompletableFuture<Stream> newStream(List<String> protocols, StreamHandler handler) {
        Objects.requireNonNull(handler, "handler");
        List<String> ids = List.copyOf(protocols);
        CompletableFuture<Stream> opened = new CompletableFuture<>();
        session.onLoop(() -> {
            try {
                session.openStream(ids, handler, opened);
            } catch (IllegalArgumentException e) {
                opened.completeExceptionally(e);
            }
        }, opened);
        return opened;
    }

    /** Sends a yamux session ping; completes with the round-trip time, fails on timeout or close. */
    public CompletableFuture<Duration> ping() {
        return session.ping();
    }

    /** How long this connection has carried no stream (zero while one is open). */
    public Duration idleFor() {
        return session.idleFor();
    }

    @Override
    public CompletableFuture<Void> close() {
        session.onLoop(() -> session.close(new NetException("connection closed"), GO_AWAY_NORMAL), null);
        return session.closeFuture();
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return session.closeFuture();
    }

    /** For tests: the most bytes any one stream held received but not yet taken by its handler. */
    long peakStreamBufferedBytes() {
        return session.peakBuffered();
    }

    /** For tests: inbound streams refused with RST. */
    long refusedStreams() {
        return session.refusedStreams();
    }

    @Override
    public String toString() {
        return "YamuxConnection[" + direction + " " + remotePeer + " " + remoteAddress + "]";
    }
}
