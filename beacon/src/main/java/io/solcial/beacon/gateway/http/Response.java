package io.solcial.beacon.gateway.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers: a status, headers and a body that is either bytes in memory or a
 * writer that streams (chunked) from a worker thread, e.g. a CAR or a large image.
 */
public final class Response {
    /** Streams a body; it may throw mid-way, which aborts the connection (the client sees a truncated body). */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] bytes;
    private final BodyWriter writer;

    private Response(int status, String contentType, byte[] bytes, BodyWriter writer) {
        this.status = status;
        this.bytes = bytes;
        this.writer = writer;
        headers.put("content-type", contentType);
    }

    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, contentType, Objects.requireNonNull(body, "body"), null);
    }

    public static Response stream(int status, String contentType, BodyWriter writer) {
        return new Response(status, contentType, null, Objects.requireNonNull(writer, "writer"));
    }

    /** A short plain-text message, for errors and probes. */
    public static Response text(int status, String message) {
        return bytes(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A 200 HTML page, already UTF-8 encoded. */
    public static Response html(byte[] utf8) {
        return bytes(200, "text/html; charset=utf-8", utf8);
    }

    /** Sets (or replaces) a header; names are case-insensitive. */
    public Response header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), Objects.requireNonNull(value, "value"));
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** True for a streamed body, whose length is not known up front. */
    public boolean isStreamed() {
        return writer != null;
    }

    /** The in-memory body; only for {@code !isStreamed()}. */
    public byte[] body() {
        if (bytes == null) {
            throw new IllegalStateException("streamed response");
        }
        return bytes;
    }

    /** The body writer; only for {@code isStreamed()}. */
    public BodyWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("in-memory response");
        }
        return writer;
    }
}
