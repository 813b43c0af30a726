package io.solcial.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.solcial.membership.ChainResponseException;
import io.solcial.membership.ChainUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking Solana JSON-RPC 2.0 client on {@code java.net.http}: one POST per call, with
 * timeouts. Transport failures (refused, reset, timed out, HTTP 5xx/429) become
 * {@link ChainUnavailableException}; an answer that is not a JSON-RPC response becomes
 * {@link ChainResponseException}. Reads may be retried with backoff ({@link #read}).
 */
final class JsonRpcClient {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcClient.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUOTED = 120;

    /** A JSON-RPC answer: either a result (possibly JSON null) or an error object. */
    record Response(JsonNode result, Optional<JsonNode> error) {
    }

    private final RpcSettings settings;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    JsonRpcClient(RpcSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    RpcSettings settings() {
        return settings;
    }

    /**
     * A read-only call, retried on transport failures; an error object becomes a
     * {@link ChainResponseException} naming the method.
     */
    JsonNode read(String method, Object... params) throws ChainUnavailableException, ChainResponseException {
        ChainUnavailableException last = null;
        long backoff = settings.backoff().toMillis();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                Response r = call(method, params);
                if (r.error().isPresent()) {
                    throw new ChainResponseException("Solana RPC " + method + " returned an error: "
                            + describeError(r.error().get()));
                }
                return r.result();
            } catch (ChainUnavailableException e) {
                last = e;
                if (attempt < settings.attempts()) {
                    LOG.debug("{} attempt {} failed: {}; retrying in {} ms", method, attempt, e.getMessage(), backoff);
                    sleep(backoff);
                    backoff *= 2;
                }
            }
        }
        throw last;
    }

    /** One call, no retry. */
    Response call(String method, Object... params) throws ChainUnavailableException, ChainResponseException {
        long id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object p : params) {
            array.add(JSON.valueToTree(p));
        }
        HttpRequest httpRequest = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw unreachable(method, "no answer within " + millis(settings.requestTimeout()), e);
        } catch (ConnectException e) {
            throw unreachable(method, "connection refused", e);
        } catch (IOException e) {
            throw unreachable(method, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(method, "interrupted", e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw unreachable(method, "HTTP " + status, null);
        }
        return parse(method, id, status, response.body());
    }

    private Response parse(String method, long id, int status, String body) throws ChainResponseException {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(method, "not JSON (HTTP " + status + ": " + quote(body) + ")");
        }
        if (node == null || !node.isObject()) {
            throw malformed(method, "not a JSON-RPC response object (HTTP " + status + ": " + quote(body) + ")");
        }
        if (!"2.0".equals(node.path("jsonrpc").asText(null))) {
            throw malformed(method, "missing \"jsonrpc\": \"2.0\" (" + quote(body) + ")");
        }
        if (!node.path("id").isIntegralNumber() || node.get("id").asLong() != id) {
            throw malformed(method, "response id does not match request id " + id + " (" + quote(body) + ")");
        }
        boolean hasResult = node.has("result");
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            if (!error.isObject() || !error.path("code").isIntegralNumber()) {
                throw malformed(method, "malformed error object (" + quote(body) + ")");
            }
            return new Response(null, Optional.of(error));
        }
        if (!hasResult) {
            throw malformed(method, "neither \"result\" nor \"error\" (" + quote(body) + ")");
        }
        if (status != 200) {
            throw malformed(method, "HTTP " + status);
        }
        return new Response(node.get("result"), Optional.empty());
    }

    static String describeError(JsonNode error) {
        return error.path("code").asLong() + " " + error.path("message").asText("(no message)");
    }

    private ChainUnavailableException unreachable(String method, String why, Throwable cause) {
        return new ChainUnavailableException("chain unreachable: Solana RPC " + settings.endpoint() + " (" + method
                + "): " + why, cause);
    }

    private ChainResponseException malformed(String method, String why) {
        return new ChainResponseException("malformed answer from Solana RPC " + settings.endpoint() + " to " + method
                + ": " + why);
    }

    static String quote(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_QUOTED ? "'" + oneLine + "'" : "'" + oneLine.substring(0, MAX_QUOTED) + "…'";
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    private static void sleep(long millis) throws ChainUnavailableException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailableException("chain lookup interrupted", e);
        }
    }
}
