package io.solcial.beacon.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** Turns {@link Response}s into Netty's response objects. */
final class Responses {
    private Responses() {
    }

    /** A complete response; for HEAD the body is left out but Content-Length still tells its size. */
    static FullHttpResponse full(Response response, boolean head, boolean keepAlive) {
        byte[] body = response.body();
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(response),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        copyHeaders(response.headers(), out);
        HttpUtil.setContentLength(out, body.length);
        HttpUtil.setKeepAlive(out, keepAlive);
        return out;
    }

    /** The head of a streamed (chunked) response. */
    static HttpResponse chunkedHead(Response response, boolean keepAlive) {
        HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status(response));
        copyHeaders(response.headers(), out);
        HttpUtil.setTransferEncodingChunked(out, true);
        HttpUtil.setKeepAlive(out, keepAlive);
        return out;
    }

    /** The answer to HEAD on a streamed resource: its headers, no body, length unknown. */
    static FullHttpResponse headOfStream(Response response, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(response), Unpooled.EMPTY_BUFFER);
        copyHeaders(response.headers(), out);
        HttpUtil.setKeepAlive(out, keepAlive);
        return out;
    }

    static FullHttpResponse error(int status, String message, boolean keepAlive) {
        return full(Response.text(status, message), false, keepAlive);
    }

    private static HttpResponseStatus status(Response response) {
        return HttpResponseStatus.valueOf(response.status());
    }

    private static void copyHeaders(Map<String, String> headers, HttpResponse out) {
        headers.forEach((name, value) -> out.headers().set(name, value));
        out.headers().set(HttpHeaderNames.SERVER, "solcial-gateway");
        out.headers().set("x-content-type-options", "nosniff");
    }
}
