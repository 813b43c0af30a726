package io.solcial.net.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.net.Direction;
import io.solcial.net.HandshakeFailedException;
import io.solcial.net.NetException;
import io.solcial.net.PeerIdMismatchException;
import io.solcial.net.ProtocolViolationException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The noise-libp2p handshake {@code Noise_XX_25519_ChaChaPoly_SHA256} (empty prologue) as a
 * pipeline handler sitting behind a {@link NoiseFrameDecoder}:
 * <pre>
 *   -> e                 (msg1, empty payload)
 *   <- e, ee, s, es      (msg2, responder's signed payload, with its stream muxers)
 *   -> s, se             (msg3, initiator's signed payload)
 * </pre>
 * The remote payload must carry an Ed25519 identity key whose signature over
 * {@code "noise-libp2p-static-key:" || remote static key} verifies, and, when an expected peer id
 * was given, that key must be the expected peer's (the initiator checks before it reveals its own
 * identity in msg3).
 *
 * <p><b>Static key lifetime:</b> a fresh X25519 static key pair per connection (per handler
 * instance), destroyed with the handshake state. It costs one key generation and one Ed25519
 * signature per handshake, keeps no key material in the host, and makes connections unlinkable
 * by static key.
 *
 * <p>On success it raises the frame limit to 65535, replaces itself with a
 * {@link NoiseTransportCodec} (same name), then calls {@code onSecured} and completes
 * {@link #result()}, all on the event loop before any further frame is handled, so
 * {@code onSecured} can add the next handler behind the codec. On failure it completes
 * {@link #result()} exceptionally and closes the channel. Handshake crypto (a few X25519 and
 * Ed25519 operations, well under a millisecond) runs on the event loop.
 */
public final class NoiseXxHandshake extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NoiseXxHandshake.class);

    private final boolean initiator;
    private final Ed25519KeyPair identity;
    private final Optional<PeerId> expectedRemote;
    private final List<String> advertisedMuxers;
    private final Consumer<NoiseHandshakeResult> onSecured;
    private final CompletableFuture<NoiseHandshakeResult> result = new CompletableFuture<>();
    private NoiseXxState state;
    private byte[] localStaticKey;
    private NoiseHandshakeResult remote;
    private boolean finished;

    /**
     * @param direction        OUTBOUND (the dialer) is the Noise initiator
     * @param advertisedMuxers stream muxers we list in our payload's extensions (empty: none)
     * @param onSecured        called on the event loop once the transport codec is in place
     */
    public NoiseXxHandshake(Direction direction, Ed25519KeyPair identity, Optional<PeerId> expectedRemote,
                            List<String> advertisedMuxers, Consumer<NoiseHandshakeResult> onSecured) {
        this.initiator = Objects.requireNonNull(direction, "direction") == Direction.OUTBOUND;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.expectedRemote = Objects.requireNonNull(expectedRemote, "expectedRemote");
        this.advertisedMuxers = List.copyOf(advertisedMuxers);
        this.onSecured = Objects.requireNonNull(onSecured, "onSecured");
    }

    /** Completes when the handshake is done (after {@code onSecured}) or failed. */
    public CompletableFuture<NoiseHandshakeResult> result() {
        return result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        try {
            state = new NoiseXxState(initiator);
            localStaticKey = state.localStaticPublicKey();
        } catch (IllegalStateException e) {
            fail(ctx, new HandshakeFailedException("noise is unavailable: " + e.getMessage(), e));
            return;
        }
        if (initiator && ctx.channel().isActive()) {
            sendMessage(ctx, new byte[0]); // msg1: -> e
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (initiator && !finished && state != null && state.isWriteTurn()) {
            sendMessage(ctx, new byte[0]);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (finished || !(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        byte[] message;
        try {
            message = ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
        try {
            step(ctx, message);
        } catch (NetException e) {
            fail(ctx, e);
        }
    }

    private void step(ChannelHandlerContext ctx, byte[] message) throws NetException {
        if (!state.isReadTurn()) {
            throw new ProtocolViolationException("protocol violation: unexpected noise message during the handshake");
        }
        byte[] payload = readMessage(message);
        if (initiator) {
            // msg2 received: <- e, ee, s, es
            remote = verifyRemote(payload);
            sendMessage(ctx, NoisePayloads.create(identity, localStaticKey, advertisedMuxers)); // msg3
        } else if (remote == null && state.isWriteTurn()) {
            // msg1 received (its payload, if any, is ignored): answer with msg2
            sendMessage(ctx, NoisePayloads.create(identity, localStaticKey, advertisedMuxers));
        } else {
            // msg3 received: -> s, se
            remote = verifyRemote(payload);
        }
        if (!finished && state != null && state.isComplete()) {
            complete(ctx);
        }
    }

    private byte[] readMessage(byte[] message) throws ProtocolViolationException {
        try {
            return state.readMessage(message);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw new ProtocolViolationException("protocol violation: invalid noise handshake message ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private NoiseHandshakeResult verifyRemote(byte[] payload) throws NetException {
        byte[] remoteStatic = state.remoteStaticPublicKey();
        NoiseHandshakeResult verified = NoisePayloads.verify(payload, remoteStatic);
        if (expectedRemote.isPresent() && !expectedRemote.get().equals(verified.remotePeer())) {
            throw new PeerIdMismatchException(expectedRemote.get(), verified.remotePeer());
        }
        return verified;
    }

    private void sendMessage(ChannelHandlerContext ctx, byte[] payload) {
        byte[] out;
        try {
            out = state.writeMessage(payload);
        } catch (GeneralSecurityException | IllegalStateException e) {
            fail(ctx, new HandshakeFailedException("could not write noise handshake message: " + e.getMessage(), e));
            return;
        }
        int n = out.length;
        if (n > NoiseConstants.MAX_HANDSHAKE_MESSAGE_LENGTH) {
            fail(ctx, new HandshakeFailedException("could not write noise handshake message: " + n
                    + " bytes exceed the limit of " + NoiseConstants.MAX_HANDSHAKE_MESSAGE_LENGTH));
            return;
        }
        ByteBuf frame = ctx.alloc().buffer(2 + n);
        frame.writeShort(n).writeBytes(out, 0, n);
        ctx.writeAndFlush(frame).addListener(f -> {
            if (!f.isSuccess()) {
                fail(ctx, new HandshakeFailedException("could not send noise handshake message: " + f.cause(), f.cause()));
            }
        });
    }

    private void complete(ChannelHandlerContext ctx) {
        finished = true;
        NoiseCipherState[] ciphers = state.split(); // also wipes the handshake secrets
        state = null;
        NoiseFrameDecoder frames = ctx.pipeline().get(NoiseFrameDecoder.class);
        if (frames != null) {
            frames.maxFrameLength(NoiseConstants.MAX_MESSAGE_LENGTH);
        }
        ctx.pipeline().replace(this, ctx.name(), new NoiseTransportCodec(ciphers[0], ciphers[1]));
        LOG.debug("{}: noise handshake done with {}", ctx.channel(), remote.remotePeer());
        try {
            onSecured.accept(remote);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            ctx.channel().close();
            return;
        }
        result.complete(remote);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ReferenceCountUtil.release(msg);
        promise.setFailure(new IllegalStateException("noise handshake not complete"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        fail(ctx, c instanceof NetException ne ? ne : new HandshakeFailedException(String.valueOf(c.getMessage()), c));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new HandshakeFailedException("connection closed during the noise handshake"));
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        destroyState();
    }

    private void fail(ChannelHandlerContext ctx, NetException e) {
        if (finished) {
            return;
        }
        finished = true;
        destroyState();
        LOG.debug("{}: {}", ctx.channel(), e.getMessage());
        result.completeExceptionally(e);
        ctx.close();
    }

    private void destroyState() {
        if (state != null) {
            state.destroy();
            state = null;
        }
    }
}
