package io.solcial.net.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseCombiner;
import io.solcial.net.ProtocolViolationException;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Noise transport messages after the handshake. Inbound: each frame from {@link NoiseFrameDecoder}
 * is decrypted and passed on as a plaintext {@code ByteBuf}. Outbound: each plaintext
 * {@code ByteBuf} is cut into chunks of at most 65519 bytes, each encrypted into one
 * length-prefixed frame; the write's promise completes when all its frames are written.
 *
 * <p>Threading: everything runs on the channel's event loop (Netty hands writes from other
 * threads to it). Reading uses only the receive cipher and writing only the send cipher, so the
 * two directions share no state and no lock. A frame that fails authentication, or a nonce that
 * would reach 2^64-1, closes the connection.
 */
public final class NoiseTransportCodec extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NoiseTransportCodec.class);

    private final NoiseCipherState sender;
    private final NoiseCipherState receiver;
    private final long nonceLimit;
    private long sent;
    private long received;
    private boolean failed;
    private boolean destroyed;

    NoiseTransportCodec(NoiseCipherState sender, NoiseCipherState receiver) {
        this(sender, receiver, NoiseConstants.NONCE_LIMIT);
    }

    /** {@code nonceLimit} (unsigned) is the number of messages allowed per direction; tests lower it. */
    NoiseTransportCodec(NoiseCipherState sender, NoiseCipherState receiver, long nonceLimit) {
        this.sender = sender;
        this.receiver = receiver;
        this.nonceLimit = nonceLimit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed || destroyed) {
            frame.release();
            return;
        }
        int length = frame.readableBytes();
        if (length < NoiseConstants.TAG_LENGTH) {
            frame.release();
            violation(ctx, "noise transport message of " + length + " bytes is shorter than its tag");
            return;
        }
        if (received == nonceLimit) {
            frame.release();
            violation(ctx, "peer exhausted the noise receive nonce");
            return;
        }
        ByteBuf plain = ctx.alloc().heapBuffer(length);
        try {
            byte[] array = plain.array();
            int offset = plain.arrayOffset();
            frame.readBytes(array, offset, length);
            int n = receiver.decryptWithAd(null, array, offset, array, offset, length);
            plain.writerIndex(n);
            received++;
        } catch (GeneralSecurityException | IllegalStateException e) {
            plain.release();
            violation(ctx, "noise transport message failed authentication");
            return;
        } finally {
            frame.release();
        }
        ctx.fireChannelRead(plain);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException("noise transport writes ByteBufs only, got " + msg.getClass().getName()));
            return;
        }
        try {
            if (failed || destroyed) {
                promise.setFailure(new ClosedChannelException());
                return;
            }
            if (!in.isReadable()) {
                ctx.write(in.retain(), promise);
                return;
            }
            PromiseCombiner frames = new PromiseCombiner(ctx.executor());
            while (in.isReadable()) {
                if (sent == nonceLimit) {
                    LOG.debug("{}: noise send nonce exhausted, closing", ctx.channel());
                    failed = true;
                    promise.tryFailure(new ProtocolViolationException("protocol violation: noise send nonce exhausted"));
                    ctx.close();
                    return;
                }
                frames.add(ctx.write(encrypt(ctx, in)));
            }
            frames.finish(promise);
        } finally {
            in.release();
        }
    }

    /** Encrypts the next chunk of {@code in} into one frame: {@code u16be length || ciphertext || tag}. */
    private ByteBuf encrypt(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(in.readableBytes(), NoiseConstants.MAX_PLAINTEXT_LENGTH);
        int length = n + NoiseConstants.TAG_LENGTH;
        ByteBuf frame = ctx.alloc().heapBuffer(2 + length);
        try {
            frame.writeShort(length);
            byte[] array = frame.array();
            int offset = frame.arrayOffset() + frame.writerIndex();
            in.readBytes(array, offset, n);
            int written = sender.encryptWithAd(null, array, offset, array, offset, n);
            frame.writerIndex(frame.writerIndex() + written);
            sent++;
            return frame;
        } catch (GeneralSecurityException e) {
            frame.release();
            throw new IllegalStateException("noise encryption failed", e);
        }
    }

    private void violation(ChannelHandlerContext ctx, String reason) {
        failed = true;
        LOG.debug("{}: {}, closing", ctx.channel(), reason);
        ctx.fireExceptionCaught(new ProtocolViolationException("protocol violation: " + reason));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        destroy();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        destroy();
    }

    private void destroy() {
        if (!destroyed) {
            destroyed = true;
            sender.destroy();
            receiver.destroy();
        }
    }
}
