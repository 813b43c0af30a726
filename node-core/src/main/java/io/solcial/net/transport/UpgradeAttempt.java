package io.solcial.net.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.net.Direction;
import io.solcial.net.HandshakeFailedException;
import io.solcial.net.HandshakeTimeoutException;
import io.solcial.net.NetException;
import io.solcial.net.mss.MultistreamSelect;
import io.solcial.net.noise.NoiseConstants;
import io.solcial.net.noise.NoiseFrameDecoder;
import io.solcial.net.noise.NoiseHandshakeResult;
import io.solcial.net.noise.NoiseXxHandshake;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's upgrade. Runs entirely on the channel's event loop. A guard handler at the
 * pipeline's tail turns stray exceptions and an early close into a failed result, and, once the
 * muxer is selected, collects plaintext that arrived behind the selection until the hand-off.
 */
final class UpgradeAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeAttempt.class);
    private static final String GUARD = "upgrade-guard";
    static final String NOISE_FRAMES = "noise-frames";
    static final String NOISE = "noise";

    private final Channel channel;
    private final Direction direction;
    private final Ed25519KeyPair identity;
    private final Optional<PeerId> expectedRemote;
    private final Duration timeout;
    private final CompletableFuture<SecuredChannel> result = new CompletableFuture<>();
    private final Guard guard = new Guard();
    private ScheduledFuture<?> timer;
    private NoiseHandshakeResult secured;
    private String stage = "multistream-select (security)";

    UpgradeAttempt(Channel channel, Direction direction, Ed25519KeyPair identity, Optional<PeerId> expectedRemote,
                   Duration timeout) {
        this.channel = channel;
        this.direction = direction;
        this.identity = identity;
        this.expectedRemote = expectedRemote;
        this.timeout = timeout;
    }

    CompletableFuture<SecuredChannel> result() {
        return result;
    }

    void start() {
        if (!channel.isActive()) {
            fail(new HandshakeFailedException("connection closed before the upgrade started"));
            return;
        }
        timer = channel.eventLoop().schedule(() -> fail(new HandshakeTimeoutException(timeout)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(GUARD, guard);
        MultistreamHandler security = new MultistreamHandler(negotiation(NoiseConstants.PROTOCOL_ID), "security",
                protocol -> installNoise());
        security.result().whenComplete((p, e) -> failIf(e));
        pipeline.addBefore(GUARD, "mss-security", security);
        channel.config().setAutoRead(true);
    }

    private MultistreamSelect negotiation(String protocol) {
        return direction == Direction.OUTBOUND
                ? MultistreamSelect.initiator(List.of(protocol))
                : MultistreamSelect.responder(protocol::equals);
    }

    private void installNoise() {
        stage = "noise handshake";
        List<String> muxers = direction == Direction.INBOUND ? List.of(ConnectionUpgrader.YAMUX) : List.of();
        NoiseXxHandshake handshake = new NoiseXxHandshake(direction, identity, expectedRemote, muxers, this::installMuxerSelection);
        handshake.result().whenComplete((r, e) -> failIf(e));
        channel.pipeline().addBefore(GUARD, NOISE_FRAMES, new NoiseFrameDecoder(NoiseConstants.MAX_HANDSHAKE_MESSAGE_LENGTH));
        channel.pipeline().addBefore(GUARD, NOISE, handshake);
    }

    private void installMuxerSelection(NoiseHandshakeResult noise) {
        secured = noise;
        if (direction == Direction.INBOUND && noise.remoteStreamMuxers().contains(ConnectionUpgrader.YAMUX)) {
            // Inlined muxer negotiation: both payloads listed muxers (we, the responder, list only
            // yamux), so the muxer is already chosen and the initiator skips multistream-select.
            // js-libp2p dialers do this. As initiator we list none, so responders fall back to mss.
            stage = "muxer hand-off";
            muxerSelected();
            return;
        }
        stage = "multistream-select (muxer)";
        MultistreamHandler muxer = new MultistreamHandler(negotiation(ConnectionUpgrader.YAMUX), "muxer",
                protocol -> muxerSelected());
        muxer.result().whenComplete((p, e) -> failIf(e));
        channel.pipeline().addBefore(GUARD, "mss-muxer", muxer);
    }

    private void muxerSelected() {
        guard.collecting = true;
        channel.config().setAutoRead(false);
        // hand off after the current read batch: frames decoded in it still reach the guard
        channel.eventLoop().execute(this::handOff);
    }

    private void handOff() {
        if (result.isDone()) {
            return;
        }
        if (!channel.isActive()) {
            fail(new HandshakeFailedException("connection closed right after the upgrade"));
            return;
        }
        timer.cancel(false);
        byte[] leftover = guard.leftover.toByteArray();
        channel.pipeline().remove(guard);
        LOG.debug("{}: secured with {} ({})", channel, secured.remotePeer(), direction);
        if (!result.complete(new SecuredChannel(channel, direction, secured.remoteKey(), leftover))) {
            channel.close();
        }
    }

    private void failIf(Throwable e) {
        if (e != null) {
            fail(e);
        }
    }

    private void fail(Throwable cause) {
        if (result.isDone()) {
            return;
        }
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        NetException failure = c instanceof NetException ne ? ne
                : new HandshakeFailedException(stage + ": " + c, c);
        if (timer != null) {
            timer.cancel(false);
        }
        LOG.debug("{}: upgrade failed: {}", channel, failure.getMessage());
        result.completeExceptionally(failure);
        channel.close();
    }

    /** Tail of the pipeline during the upgrade. */
    private final class Guard extends ChannelInboundHandlerAdapter {
        boolean collecting;
        final ByteArrayOutputStream leftover = new ByteArrayOutputStream();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (collecting && msg instanceof ByteBuf buf) {
                    buf.readBytes(leftover, buf.readableBytes());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e); // a ByteArrayOutputStream does not throw
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(new HandshakeFailedException("connection closed during " + stage));
            ctx.fireChannelInactive();
        }
    }
}
