package io.solcial.cli.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.beacon.gateway.model.PostModel;
import io.solcial.cli.control.ControlModels.Written;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.membership.InMemoryMembershipOracle;
import io.solcial.node.Node;
import io.solcial.node.NodeConfig;
import io.solcial.node.OracleFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control API in-process: a real node, the real server, raw HTTP and the client. */
class ControlServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Node node;
    private ControlServer server;
    private ControlFile file;

    @BeforeEach
    void start() throws Exception {
        Ed25519KeyPair keys = Ed25519KeyPair.generate();
        node = Node.start(NodeConfig.defaults(keys, OracleFactory.of(new InMemoryMembershipOracle().register(keys.publicKey()))));
        server = ControlServer.start(new NodeActions(node), dir, keys.publicKey().address(), new SecureRandom());
        file = ControlFile.read(dir).orElseThrow();
    }

    @AfterEach
    void stop() {
        server.close();
        node.close();
    }

    private HttpResponse<String> send(String path, Optional<String> token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(file.baseUri().resolve(path));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        b.method(body == null ? "GET" : "POST",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRequestNeedsTheToken() throws Exception {
        HttpResponse<String> none = send("v1/status", Optional.empty(), null);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));
        String wrong = file.token().substring(0, 63) + (file.token().endsWith("0") ? "1" : "0");
        assertEquals(401, send("v1/status", Optional.of(wrong), null).statusCode());
        assertEquals(401, send("v1/post", Optional.of(wrong), "{\"text\":\"sneaky\"}").statusCode());
        assertEquals(401, send("v1/nowhere", Optional.empty(), null).statusCode(), "no endpoint list for strangers");
        assertEquals(0, node.status().entries(), "nothing was written without the token");

        HttpResponse<String> ok = send("v1/status", Optional.of(file.token()), null);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains(node.account().address()));
    }

    @Test
    void theControlFileIsOwnerOnlyListensOnLoopbackAndGoesAwayOnClose() throws Exception {
        Path f = dir.resolve(ControlFile.NAME);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(f));
        assertEquals(64, file.token().length());
        assertEquals(node.account().address(), file.account());
        assertEquals(ProcessHandle.current().pid(), file.pid());
        assertEquals("127.0.0.1", server.uri().getHost());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary file left behind");
        }
        server.close();
        assertFalse(Files.exists(f));
        assertTrue(ControlClient.connect(dir).isEmpty());
    }

    @Test
    void postsWithAnImageRepliesLikesAndReadsThroughTheClient() throws Exception {
        UserActions api = ControlClient.connect(dir).orElseThrow();
        Path picture = Files.write(dir.resolve("cat.bin"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3});
        Written post = api.post("a cat", List.of(picture.toString()), Optional.empty());
        assertEquals("post", post.action());
        Written reply = api.post("nice cat", List.of(), Optional.of(post.entry()));
        assertEquals("reply", reply.action());
        api.like(post.entry());
        api.updateProfile(Optional.of("Cat Person"), Optional.empty(), Optional.empty());

        List<PostModel> feed = api.feed(10, Optional.empty()).posts();
        assertEquals(List.of("nice cat", "a cat"), feed.stream().map(PostModel::text).toList(), "newest first");
        PostModel cat = feed.get(1);
        assertEquals("image/jpeg", cat.media().get(0).mime(), "mime from the magic bytes");
        assertEquals(1, cat.likes());
        assertEquals("Cat Person", api.profile(Optional.empty(), 5).author().name());
        assertEquals(4, api.status().entries());
    }

    @Test
    void badRequestsAreRefusedWithAReason() throws Exception {
        String token = file.token();
        HttpResponse<String> big = send("v1/post", Optional.of(token),
                "{\"text\":\"" + "x".repeat(ControlServer.MAX_BODY) + "\"}");
        assertEquals(413, big.statusCode());
        HttpResponse<String> malformed = send("v1/post", Optional.of(token), "{\"text\": ");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("malformed JSON"), malformed.body());
        assertEquals(400, send("v1/post", Optional.of(token), "{\"txt\":\"typo\"}").statusCode());
        assertEquals(400, send("v1/like", Optional.of(token), "{\"target\":\"not-a-cid\"}").statusCode());
        assertEquals(400, send("v1/follow", Optional.of(token), "{\"author\":\"nobody\"}").statusCode());
        assertEquals(400, send("v1/post", Optional.of(token), "{\"text\":\"hi\",\"images\":[\"relative.png\"]}").statusCode());
        assertEquals(400, send("v1/feed?limit=1000", Optional.of(token), null).statusCode());
        assertEquals(400, send("v1/feed", Optional.of(token), "{}").statusCode(), "wrong method");
        assertEquals(404, send("v1/nowhere", Optional.of(token), null).statusCode());
        UserActions api = ControlClient.connect(dir).orElseThrow();
        ActionException e = assertThrows(ActionException.class, () -> api.follow(node.account().address()));
        assertEquals("you cannot follow yourself", e.getMessage());
        assertEquals(0, node.status().entries());
    }

    @Test
    void aControlFileLeftByACrashedNodeFindsNobody() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        Path other = Files.createDirectory(dir.resolve("crashed"));
        ControlFile.fresh(deadPort, node.account().address(), new SecureRandom()).write(other);
        assertTrue(ControlClient.connect(other).isEmpty(), "connection refused: stale");
        Files.writeString(other.resolve(ControlFile.NAME), "{not json");
        assertTrue(ControlClient.connect(other).isEmpty(), "garbage: no node to talk to");
        // a file naming another account on a live port (ours) is not taken for that node either
        new ControlFile(URI.create(server.uri().toString()).getPort(), file.token(), "someone-else", 1).write(other);
        assertTrue(ControlClient.connect(other).isEmpty());
    }
}
