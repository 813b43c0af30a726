package io.solcial.cli.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.solcial.cli.control.ControlModels.AuthorRequest;
import io.solcial.cli.control.ControlModels.PostRequest;
import io.solcial.cli.control.ControlModels.ProfileRequest;
import io.solcial.cli.control.ControlModels.TargetRequest;
import io.solcial.node.SocialReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local control API of a running user's node (docs/control-api.md): JSON over HTTP on
 * 127.0.0.1 only, every request authenticated by the token in {@code DIR/control.json}
 * (constant-time comparison), bodies of at most {@link #MAX_BODY} bytes. It exposes
 * {@link UserActions} one endpoint each.
 */
public final class ControlServer implements AutoCloseable {
    /** Largest request body: a post's text and a few file paths. */
    public static final int MAX_BODY = 64 * 1024;
    static final int DEFAULT_LIMIT = 20;
    /** A refused body is read and dropped up to this size before answering; beyond it the connection closes. */
    private static final long MAX_DRAIN = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final int WORKERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** One endpoint: reads what it needs from the exchange, answers a JSON-able value. */
    @FunctionalInterface
    private interface Endpoint {
        Object handle(HttpExchange exchange) throws ActionException;
    }

    private record Route(String method, Endpoint endpoint) {
    }

    private final UserActions actions;
    private final Path dataDir;
    private final ControlFile file;
    private final byte[] token;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, Route> routes = new HashMap<>();

    private ControlServer(UserActions actions, Path dataDir, ControlFile file, HttpServer server, ExecutorService workers) {
        this.actions = actions;
        this.dataDir = dataDir;
        this.file = file;
        this.token = file.token().getBytes(StandardCharsets.US_ASCII);
        this.server = server;
        this.workers = workers;
        routes.put("/v1/status", new Route("GET", x -> actions.status()));
        routes.put("/v1/feed", new Route("GET", x -> actions.feed(limit(x), query(x, "before"))));
        routes.put("/v1/profile", new Route("GET", x -> actions.profile(query(x, "author"), limit(x))));
        routes.put("/v1/post", new Route("POST", x -> {
            PostRequest r = body(x, PostRequest.class);
            return actions.post(required(r.text(), "text"), r.images(), Optional.ofNullable(r.replyTo()));
        }));
        routes.put("/v1/like", new Route("POST", x -> actions.like(required(body(x, TargetRequest.class).target(), "target"))));
        routes.put("/v1/unlike", new Route("POST", x -> actions.unlike(required(body(x, TargetRequest.class).target(), "target"))));
        routes.put("/v1/follow", new Route("POST", x -> actions.follow(required(body(x, AuthorRequest.class).author(), "author"))));
        routes.put("/v1/unfollow", new Route("POST", x -> actions.unfollow(required(body(x, AuthorRequest.class).author(), "author"))));
        routes.put("/v1/profile/update", new Route("POST", x -> {
            ProfileRequest r = body(x, ProfileRequest.class);
            return actions.updateProfile(Optional.ofNullable(r.name()), Optional.ofNullable(r.bio()),
                    Optional.ofNullable(r.avatar()));
        }));
    }

    /**
     * Serves {@code actions} on 127.0.0.1 (a free port), then writes {@code dataDir}/control.json
     * with a fresh token. {@code account} is the node's wallet address.
     */
    public static ControlServer start(UserActions actions, Path dataDir, String account, SecureRandom random)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "control-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        ControlFile file = ControlFile.fresh(server.getAddress().getPort(), account, random);
        ControlServer control = new ControlServer(actions, dataDir, file, server, workers);
        server.createContext("/", control::exchange);
        server.start();
        try {
            file.write(dataDir);
        } catch (IOException | RuntimeException e) {
            control.close();
            throw e;
        }
        return control;
    }

    /** Where the API listens ({@code http://127.0.0.1:PORT/}). */
    public java.net.URI uri() {
        return file.baseUri();
    }

    private void exchange(HttpExchange x) {
        try (x) {
            Object answer;
            int status = 200;
            try {
                answer = dispatch(x);
            } catch (ActionException e) {
                status = e.kind().status();
                answer = Map.of("error", e.getMessage());
                if (e.kind() == ActionException.Kind.UNAUTHORIZED) {
                    x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"solcial control\"");
                }
            } catch (RuntimeException e) {
                LOG.warn("control API: {} {} failed", x.getRequestMethod(), x.getRequestURI().getPath(), e);
                status = 500;
                answer = Map.of("error", "internal error: " + e.getClass().getSimpleName());
            }
            drain(x);
            byte[] body = JSON.writeValueAsBytes(answer);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(status, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            LOG.debug("control API: answering {} failed: {}", x.getRequestURI().getPath(), e.toString());
        }
    }

    /**
     * Reads what is left of the request body (refused or unread) before answering, up to
     * {@link #MAX_DRAIN}, so that the client reads the answer rather than a connection reset.
     */
    private static void drain(HttpExchange x) {
        try (InputStream in = x.getRequestBody()) {
            byte[] sink = new byte[8192];
            long total = 0;
            int n;
            while (total <= MAX_DRAIN && (n = in.read(sink)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            // the client went away; answering will fail too
        }
    }

    private Object dispatch(HttpExchange x) throws ActionException {
        authenticate(x);
        Route route = routes.get(x.getRequestURI().getPath());
        if (route == null) {
            throw new ActionException(ActionException.Kind.NOT_FOUND, "no such endpoint: " + x.getRequestURI().getPath()
                    + " (see docs/control-api.md)");
        }
        if (!route.method().equals(x.getRequestMethod())) {
            throw ActionException.badRequest(x.getRequestURI().getPath() + " takes " + route.method());
        }
        return route.endpoint().handle(x);
    }

    /** The bearer token, compared in constant time; and a loopback Host (no DNS-rebound page gets this far). */
    private void authenticate(HttpExchange x) throws ActionException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        byte[] given = auth != null && auth.startsWith("Bearer ")
                ? auth.substring(7).trim().getBytes(StandardCharsets.US_ASCII) : new byte[0];
        if (!MessageDigest.isEqual(token, given)) {
            throw new ActionException(ActionException.Kind.UNAUTHORIZED,
                    "missing or wrong token (Authorization: Bearer <token from control.json>)");
        }
        String host = x.getRequestHeaders().getFirst("Host");
        if (host != null && !(host.startsWith("127.0.0.1:") || host.startsWith("localhost:") || host.startsWith("[::1]:"))) {
            throw ActionException.badRequest("the control API answers only requests addressed to 127.0.0.1");
        }
    }

    private static <T> T body(HttpExchange x, Class<T> type) throws ActionException {
        String length = x.getRequestHeaders().getFirst("Content-Length");
        try {
            if (length != null && Long.parseLong(length.trim()) > MAX_BODY) {
                throw tooLarge();
            }
        } catch (NumberFormatException e) {
            throw ActionException.badRequest("malformed Content-Length");
        }
        byte[] bytes;
        try {
            bytes = x.getRequestBody().readNBytes(MAX_BODY + 1); // closed after the answer (see drain)
        } catch (IOException e) {
            throw ActionException.badRequest("could not read the request body: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY) {
            throw tooLarge();
        }
        try {
            T value = JSON.readValue(bytes, type);
            if (value == null) {
                throw ActionException.badRequest("the body must be a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ActionException.badRequest("malformed JSON body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ActionException.badRequest("malformed JSON body");
        }
    }

    private static ActionException tooLarge() {
        return new ActionException(ActionException.Kind.TOO_LARGE, "request body larger than " + MAX_BODY + " bytes");
    }

    private static String required(String value, String field) throws ActionException {
        if (value == null) {
            throw ActionException.badRequest("missing field: " + field);
        }
        return value;
    }

    private static Optional<String> query(HttpExchange x, String name) throws ActionException {
        String raw = x.getRequestURI().getRawQuery();
        if (raw == null) {
            return Optional.empty();
        }
        try {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            throw ActionException.badRequest("malformed percent-encoding in the query");
        }
        return Optional.empty();
    }

    private static int limit(HttpExchange x) throws ActionException {
        Optional<String> text = query(x, "limit");
        try {
            return text.isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw ActionException.badRequest("limit must be an integer from 1 to " + SocialReader.MAX_PAGE);
        }
    }

    /** Stops serving and deletes control.json. */
    @Override
    public void close() {
        try {
            ControlFile.delete(dataDir);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", ControlFile.in(dataDir), e.getMessage());
        }
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        actions.close();
    }
}
