package io.solcial.cli.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solcial.cli.control.ControlModels.AuthorRequest;
import io.solcial.cli.control.ControlModels.FeedPage;
import io.solcial.cli.control.ControlModels.PostRequest;
import io.solcial.cli.control.ControlModels.Profile;
import io.solcial.cli.control.ControlModels.ProfileRequest;
import io.solcial.cli.control.ControlModels.Status;
import io.solcial.cli.control.ControlModels.TargetRequest;
import io.solcial.cli.control.ControlModels.Written;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link UserActions} through the control API of a node running in another process on this machine. */
public final class ControlClient implements UserActions {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** Posting a large image makes the node import it before it answers. */
    private static final Duration ACTION_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpClient http;
    private final ControlFile file;

    private ControlClient(HttpClient http, ControlFile file) {
        this.http = http;
        this.file = file;
    }

    /**
     * The node named by {@code dataDir}/control.json, if it answers as that account. Empty when there
     * is no such file or nobody answers on its port (a node that crashed left it behind).
     */
    public static Optional<ControlClient> connect(Path dataDir) throws InterruptedException {
        Optional<ControlFile> found;
        try {
            found = ControlFile.read(dataDir);
        } catch (IOException e) {
            return Optional.empty(); // unreadable: no node we can talk to; the caller decides
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ControlClient client = new ControlClient(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(),
                found.get());
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(client.uri("v1/status")).timeout(PROBE_TIMEOUT).GET());
            if (r.statusCode() == 200
                    && JSON.readValue(r.body(), Status.class).account().equals(found.get().account())) {
                return Optional.of(client);
            }
            return Optional.empty(); // some other program took the port since
        } catch (IOException e) {
            return Optional.empty(); // connection refused (a stale file), or not our API
        }
    }

    /** Where this client sends requests. */
    public URI baseUri() {
        return file.baseUri();
    }

    @Override
    public Written post(String text, List<String> images, Optional<String> replyTo) throws ActionException {
        return postJson("v1/post", new PostRequest(text, images, replyTo.orElse(null)), Written.class);
    }

    @Override
    public Written like(String target) throws ActionException {
        return postJson("v1/like", new TargetRequest(target), Written.class);
    }

    @Override
    public Written unlike(String target) throws ActionException {
        return postJson("v1/unlike", new TargetRequest(target), Written.class);
    }

    @Override
    public Written follow(String author) throws ActionException {
        return postJson("v1/follow", new AuthorRequest(author), Written.class);
    }

    @Override
    public Written unfollow(String author) throws ActionException {
        return postJson("v1/unfollow", new AuthorRequest(author), Written.class);
    }

    @Override
    public Written updateProfile(Optional<String> name, Optional<String> bio, Optional<String> avatar)
            throws ActionException {
        return postJson("v1/profile/update", new ProfileRequest(name.orElse(null), bio.orElse(null), avatar.orElse(null)),
                Written.class);
    }

    @Override
    public FeedPage feed(int limit, Optional<String> before) throws ActionException {
        return get("v1/feed?limit=" + limit + before.map(b -> "&before=" + encode(b)).orElse(""), FeedPage.class);
    }

    @Override
    public Profile profile(Optional<String> author, int limit) throws ActionException {
        return get("v1/profile?limit=" + limit + author.map(a -> "&author=" + encode(a)).orElse(""), Profile.class);
    }

    @Override
    public Status status() throws ActionException {
        return get("v1/status", Status.class);
    }

    @Override
    public void close() {
        // HttpClient holds no resources worth closing early on Java 17
    }

    private <T> T get(String path, Class<T> type) throws ActionException {
        return call(HttpRequest.newBuilder(uri(path)).timeout(ACTION_TIMEOUT).GET(), type);
    }

    private <T> T postJson(String path, Object body, Class<T> type) throws ActionException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new ActionException(ActionException.Kind.FAILED, "cannot encode the request: " + e.getMessage());
        }
        return call(HttpRequest.newBuilder(uri(path)).timeout(ACTION_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), type);
    }

    private <T> T call(HttpRequest.Builder request, Class<T> type) throws ActionException {
        try {
            HttpResponse<byte[]> r = send(request);
            if (r.statusCode() != 200) {
                throw new ActionException(ActionException.Kind.of(r.statusCode()), errorMessage(r));
            }
            return JSON.readValue(r.body(), type);
        } catch (IOException e) {
            throw new ActionException(ActionException.Kind.FAILED,
                    "the running node's control API at " + file.baseUri() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException(ActionException.Kind.FAILED, "interrupted");
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + file.token()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String errorMessage(HttpResponse<byte[]> r) {
        try {
            JsonNode error = JSON.readTree(r.body()).get("error");
            if (error != null && error.isTextual()) {
                return error.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not our JSON: fall through
        }
        return "the running node answered HTTP " + r.statusCode();
    }

    private URI uri(String path) {
        return file.baseUri().resolve(path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
