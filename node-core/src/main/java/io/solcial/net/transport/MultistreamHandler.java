package io.solcial.net.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.solcial.net.HandshakeFailedException;
import io.solcial.net.NetException;
import io.solcial.net.ProtocolNotSupportedException;
import io.solcial.net.ProtocolViolationException;
import io.solcial.net.mss.MultistreamSelect;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link MultistreamSelect} negotiation on a channel: sends its opening bytes when the
 * channel is active, feeds it every inbound {@code ByteBuf} and writes whatever it answers.
 *
 * <p>On selection, in this order on the event loop: calls {@code onSelected} (which installs the
 * next stage behind this handler), passes the leftover bytes on to the next handler, removes
 * itself and completes {@link #result()}. On failure (the state machine gives up, or the channel
 * closes first) it completes {@link #result()} exceptionally, logs the reason and closes the
 * channel.
 */
public final class MultistreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MultistreamHandler.class);

    private final MultistreamSelect negotiation;
    private final String purpose;
    private final Consumer<String> onSelected;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private boolean started;
    private boolean finished;

    /**
     * @param purpose    what is negotiated, for messages ("security", "muxer")
     * @param onSelected called with the chosen protocol before the leftover bytes are passed on
     */
    public MultistreamHandler(MultistreamSelect negotiation, String purpose, Consumer<String> onSelected) {
        this.negotiation = Objects.requireNonNull(negotiation, "negotiation");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.onSelected = Objects.requireNonNull(onSelected, "onSelected");
    }

    /** The chosen protocol, or a {@link NetException} when negotiation failed. */
    public CompletableFuture<String> result() {
        return result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (!started) {
            started = true;
            send(ctx, negotiation.start());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (finished) { // failed: drop what is still arriving
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            fail(ctx, new ProtocolViolationException("protocol violation: unexpected message " + msg.getClass().getSimpleName()));
            return;
        }
        byte[] data;
        try {
            data = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        MultistreamSelect.Outcome outcome = negotiation.receive(data, bytes -> send(ctx, bytes));
        if (outcome instanceof MultistreamSelect.Selected selected) {
            selected(ctx, selected);
        } else if (outcome instanceof MultistreamSelect.Failed failed) {
            fail(ctx, failure(failed.reason()));
        }
    }

    private void selected(ChannelHandlerContext ctx, MultistreamSelect.Selected selected) {
        finished = true;
        LOG.debug("{}: {} negotiated {}", ctx.channel(), purpose, selected.protocol());
        try {
            onSelected.accept(selected.protocol());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            ctx.close();
            return;
        }
        byte[] leftover = selected.leftover();
        if (leftover.length > 0) {
            ctx.fireChannelRead(Unpooled.wrappedBuffer(leftover));
        }
        if (!ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
        result.complete(selected.protocol());
    }

    private NetException failure(String reason) {
        if (reason.startsWith("peer supports none")) {
            return new ProtocolNotSupportedException("handshake failed: multistream-select (" + purpose + "): " + reason);
        }
        return new ProtocolViolationException("protocol violation: multistream-select (" + purpose + "): " + reason);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!finished) {
            fail(ctx, new HandshakeFailedException("connection closed during multistream-select (" + purpose + ")"));
        }
        ctx.fireChannelInactive();
    }

    private void send(ChannelHandlerContext ctx, byte[] bytes) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private void fail(ChannelHandlerContext ctx, NetException e) {
        finished = true;
        LOG.debug("{}: closing: {}", ctx.channel(), e.getMessage());
        result.completeExceptionally(e);
        ctx.close();
    }
}
