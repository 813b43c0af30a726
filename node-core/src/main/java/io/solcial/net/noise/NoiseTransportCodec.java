package io.solcial.net.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.solcial.net.ProtocolViolationException;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Noise transport messages after the handshake. Inbound: each frame from {@link NoiseFrameDecoder}
 * is decrypted and passed on as a plaintext {@code ByteBuf}. Outbound: the plaintext of
 * consecutive writes fills one frame (at most 65519 bytes, encrypted in place into one
 * length-prefixed message) until it is full or the channel is flushed; so many small writes
 * between two flushes (a yamux header and its payload, window updates) share one message. A
 * write's promise completes when the frame holding its last byte is written.
 *
 * <p>Threading: everything runs on the channel's event loop (Netty hands writes from other
 * threads to it). Reading uses only the receive cipher and writing only the send cipher, so the
 * two directions share no state and no lock. A frame that fails authentication, or a nonce that
 * would reach 2^64-1, closes the connection.
 */
public final class NoiseTransportCodec extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NoiseTransportCodec.class);
    /** A whole frame: the 2-byte length and the largest Noise message. */
    private static final int FRAME_CAPACITY = 2 + NoiseConstants.MAX_MESSAGE_LENGTH;

    private final NoiseCipherState sender;
    private final NoiseCipherState receiver;
    private final long nonceLimit;
    /** The frame being filled: the length slot, then plaintext; sealed when full or on flush. */
    private ByteBuf open;
    /** Writes whose last byte is in {@link #open}: they complete when it is written. */
    private final List<ChannelPromise> waiting = new ArrayList<>();
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
        ByteBuf plain = receiver.prefersDirectBuffers() ? ctx.alloc().directBuffer(length) : ctx.alloc().heapBuffer(length);
        try {
            plain.writerIndex(open(frame, plain, length));
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
            while (in.isReadable()) {
                if (open == null) {
                    open = sender.prefersDirectBuffers() ? ctx.alloc().directBuffer(FRAME_CAPACITY)
                            : ctx.alloc().heapBuffer(FRAME_CAPACITY);
                    open.writerIndex(2);
                }
                int n = Math.min(in.readableBytes(), FRAME_CAPACITY - NoiseConstants.TAG_LENGTH - open.writerIndex());
                open.writeBytes(in, n);
                if (open.writerIndex() == FRAME_CAPACITY - NoiseConstants.TAG_LENGTH && !seal(ctx)) {
                    promise.tryFailure(new ProtocolViolationException("protocol violation: noise send nonce exhausted"));
                    return;
                }
            }
            if (open == null) {
                // Everything went out in full frames (or nothing was written): Netty completes
                // this promise in order, after the frames written before it.
                ctx.write(Unpooled.EMPTY_BUFFER, promise);
            } else if (!promise.isVoid()) {
                waiting.add(promise);
            }
        } finally {
            in.release();
        }
    }

    /** Decrypts {@code length} bytes of {@code frame} into {@code plain}; returns the plaintext length. */
    private int open(ByteBuf frame, ByteBuf plain, int length) throws GeneralSecurityException {
        if (plain.hasArray()) {
            byte[] array = plain.array();
            int offset = plain.arrayOffset();
            frame.readBytes(array, offset, length);
            return receiver.decryptWithAd(null, array, offset, array, offset, length);
        }
        if (frame.isDirect() && frame.nioBufferCount() == 1) { // straight from the socket's buffer
            return receiver.decryptWithAd(null, frame.nioBuffer(frame.readerIndex(), length), plain.nioBuffer(0, length));
        }
        frame.readBytes(plain, 0, length); // a frame spanning two reads: gather it first, then in place
        return receiver.decryptWithAd(null, plain.nioBuffer(0, length), plain.nioBuffer(0, length));
    }

    /** Seals the open frame (if any) and flushes: a flush ends the frame being filled. */
    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (open != null) {
            seal(ctx);
        }
        ctx.flush();
    }

    /**
     * Encrypts the open frame in place ({@code u16be length || ciphertext || tag}) and writes it;
     * the writes whose last byte it holds complete with it. False (and the connection closes)
     * when the send nonce is exhausted.
     */
    private boolean seal(ChannelHandlerContext ctx) {
        ByteBuf frame = open;
        open = null;
        List<ChannelPromise> done = waiting.isEmpty() ? List.of() : new ArrayList<>(waiting);
        waiting.clear();
        if (sent == nonceLimit) {
            frame.release();
            LOG.debug("{}: noise send nonce exhausted, closing", ctx.channel());
            failed = true;
            ProtocolViolationException cause = new ProtocolViolationException("protocol violation: noise send nonce exhausted");
            done.forEach(p -> p.tryFailure(cause));
            ctx.close();
            return false;
        }
        int n = frame.writerIndex() - 2;
        try {
            int written;
            if (frame.hasArray()) {
                byte[] array = frame.array();
                int offset = frame.arrayOffset() + 2;
                written = sender.encryptWithAd(null, array, offset, array, offset, n);
            } else {
                written = sender.encryptWithAd(null, frame.nioBuffer(2, n),
                        frame.nioBuffer(2, n + NoiseConstants.TAG_LENGTH));
            }
            frame.setShort(0, written);
            frame.writerIndex(2 + written);
            sent++;
        } catch (GeneralSecurityException e) {
            frame.release();
            throw new IllegalStateException("noise encryption failed", e);
        }
        if (done.size() == 1) {
            ctx.write(frame, done.get(0));
        } else {
            ChannelFuture written = ctx.write(frame);
            if (!done.isEmpty()) {
                written.addListener(f -> done.forEach(p -> {
                    if (f.isSuccess()) {
                        p.trySuccess();
                    } else {
                        p.tryFailure(f.cause());
                    }
                }));
            }
        }
        return true;
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
            if (open != null) {
                open.release();
                open = null;
            }
            ClosedChannelException closed = new ClosedChannelException();
            waiting.forEach(p -> p.tryFailure(closed));
            waiting.clear();
            sender.destroy();
            receiver.destroy();
        }
    }
}
