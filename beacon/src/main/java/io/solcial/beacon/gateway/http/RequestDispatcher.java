package io.solcial.beacon.gateway.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: parses each request on the event loop, runs its handler on a worker and
 * writes the response. Requests of one connection are answered strictly in order, one at a time
 * (pipelined ones wait in a short queue; reading pauses meanwhile), so a slow client cannot make
 * the gateway buffer without bound.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final int MAX_PIPELINED = 16;
    static final String UNMATCHED = "unmatched";

    private record Pending(Request request, boolean keepAlive, long start) {
    }

    private final Router router;
    private final Executor workers;
    private final RequestParser parser;
    private final HttpLimits limits;
    private final RequestObserver observer;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private boolean busy;

    RequestDispatcher(Router router, Executor workers, HttpLimits limits, RequestObserver observer) {
        this.router = router;
        this.workers = workers;
        this.parser = new RequestParser(limits);
        this.limits = limits;
        this.observer = observer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        long start = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        Request request;
        try {
            request = parser.parse(req);
        } catch (HttpError e) {
            // After a malformed or oversized request the stream position is unreliable: close.
            ctx.writeAndFlush(Responses.error(e.status(), e.getMessage(), false)).addListener(ChannelFutureListener.CLOSE);
            observer.observe(UNMATCHED, req.method().name(), e.status(), System.nanoTime() - start);
            return;
        }
        if (pending.size() >= MAX_PIPELINED) {
            ctx.close();
            return;
        }
        pending.add(new Pending(request, keepAlive, start));
        ctx.channel().config().setAutoRead(false);
        if (!busy) {
            next(ctx);
        }
    }

    private void next(ChannelHandlerContext ctx) {
        Pending p = pending.poll();
        if (p == null) {
            busy = false;
            ctx.channel().config().setAutoRead(true);
            ctx.read();
            return;
        }
        busy = true;
        try {
            workers.execute(() -> process(ctx, p));
        } catch (RejectedExecutionException e) {
            ctx.writeAndFlush(Responses.error(503, "server busy, try again later", false))
                    .addListener(ChannelFutureListener.CLOSE);
            observer.observe(UNMATCHED, p.request().method(), 503, System.nanoTime() - p.start());
        }
    }

    private void process(ChannelHandlerContext ctx, Pending p) {
        Request request = p.request();
        String label = UNMATCHED;
        Response response;
        Router.Match match = router.route(request.method(), request.path());
        if (match instanceof Router.Match.Found found) {
            label = found.route().pattern();
            response = invoke(found.route().handler(), request.withParams(found.params()));
        } else if (match instanceof Router.Match.MethodNotAllowed m) {
            response = Response.text(405, "method " + request.method() + " not allowed here")
                    .header("allow", String.join(", ", m.allowed()));
        } else {
            response = Response.text(404, "not found");
        }
        boolean ok = write(ctx, request, response, p.keepAlive());
        observer.observe(label, request.method(), response.status(), System.nanoTime() - p.start());
        if (ok && p.keepAlive()) {
            ctx.executor().execute(() -> next(ctx));
        } else {
            ctx.close();
        }
    }

    private static Response invoke(Handler handler, Request request) {
        try {
            return handler.handle(request);
        } catch (HttpError e) {
            return Response.text(e.status(), e.getMessage());
        } catch (Exception | StackOverflowError e) {
            LOG.warn("handler failed for {} {}: {}", request.method(), request.path(), e.toString(), e);
            return Response.text(500, "internal error");
        }
    }

    /** Writes the response; false when the connection must be dropped (a stream failed mid-way). */
    private boolean write(ChannelHandlerContext ctx, Request request, Response response, boolean keepAlive) {
        boolean head = request.isHead();
        if (!response.isStreamed()) {
            return awaitQuietly(ctx.writeAndFlush(Responses.full(response, head, keepAlive)));
        }
        if (head) {
            return awaitQuietly(ctx.writeAndFlush(Responses.headOfStream(response, keepAlive)));
        }
        ctx.write(Responses.chunkedHead(response, keepAlive));
        ChunkedBodyStream out = new ChunkedBodyStream(ctx.channel(), limits.idleTimeout());
        try {
            response.writer().writeTo(out);
            out.finish();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("streamed response to {} {} aborted: {}", request.method(), request.path(), e.toString());
            return false;
        }
    }

    private static boolean awaitQuietly(ChannelFuture future) {
        future.awaitUninterruptibly();
        return future.isSuccess();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
