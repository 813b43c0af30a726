package io.solcial.beacon.gateway.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Checks a decoded request against the limits and turns it into a {@link Request}. */
final class RequestParser {
    private final HttpLimits limits;

    RequestParser(HttpLimits limits) {
        this.limits = limits;
    }

    Request parse(FullHttpRequest req) throws HttpError {
        if (req.decoderResult().isFailure()) {
            throw decoderError(req.decoderResult().cause());
        }
        String uri = req.uri();
        if (uri.length() > limits.maxUriLength()) {
            throw new HttpError(414, "request URI longer than " + limits.maxUriLength() + " characters");
        }
        if (req.content().isReadable() || HttpUtil.isTransferEncodingChunked(req)
                || HttpUtil.getContentLength(req, 0L) > 0) {
            throw new HttpError(413, "this gateway accepts no request bodies");
        }
        if (!uri.startsWith("/")) {
            throw HttpError.badRequest("request target must be a path starting with /");
        }
        QueryStringDecoder decoder;
        String path;
        try {
            decoder = new QueryStringDecoder(uri);
            path = decoder.path();
            decoder.parameters();
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("malformed percent-encoding in the request URI");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : req.headers()) {
            headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
        }
        return new Request(req.method().name(), path, decoder.parameters(), headers, Map.of());
    }

    private HttpError decoderError(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new HttpError(414, "request line longer than " + limits.maxUriLength() + " characters");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new HttpError(431, "request headers larger than " + limits.maxHeaderBytes() + " bytes");
        }
        if (cause instanceof TooLongFrameException) {
            return new HttpError(413, "request too large");
        }
        return HttpError.badRequest("malformed HTTP request");
    }
}
