package io.solcial.beacon.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solcial.beacon.gateway.DemoGatewayTest;
import io.solcial.content.Block;
import io.solcial.log.EntryCodec;
import io.solcial.multiformats.Cid;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JsonApiTest extends DemoGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = fx.get(path);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        return JSON.readTree(r.body());
    }

    @Test
    void postsArePagedNewestFirstWithVerifiableBlocks() throws Exception {
        JsonNode page = ok("/api/v1/posts?limit=2");
        assertEquals(2, page.get("posts").size());
        JsonNode first = page.get("posts").get(0);
        assertEquals("Second post: paging, replies and images all work from a beacon.", first.get("text").asText());
        assertEquals(fx.demo.alice.publicKey().address(), first.get("author").get("address").asText());
        assertEquals("Alice Liddell", first.get("author").get("name").asText());
        Cid cid = Cid.parse(first.get("cid").asText());
        Block entry = Block.verified(cid, Base64.getDecoder().decode(first.get("entryBlock").asText()));
        assertTrue(EntryCodec.decode(entry).verifySignature(), "a client can verify what the API returns");
        JsonNode next = ok("/api/v1/posts?limit=2&before=" + page.get("next").asText());
        assertTrue(next.get("posts").get(0).get("timestamp").asLong() <= first.get("timestamp").asLong());
        JsonNode all = ok("/api/v1/posts?limit=100");
        assertTrue(all.get("next").isNull(), "the last page has no next cursor");
    }

    @Test
    void threadHasThePostAndItsReplies() throws Exception {
        JsonNode thread = ok("/api/v1/posts/" + fx.demo.welcome.cid());
        assertEquals(fx.demo.welcomeText, thread.get("post").get("text").asText());
        assertEquals(2, thread.get("post").get("likes").asInt());
        assertEquals(2, thread.get("replies").size());
        assertEquals(fx.demo.welcome.cid().toString(), thread.get("replies").get(0).get("parent").asText());
        JsonNode photo = ok("/api/v1/posts/" + fx.demo.photoPost.cid()).get("post");
        assertEquals(fx.demo.photo.toString(), photo.get("media").get(0).get("cid").asText());
        assertEquals("image/png", photo.get("media").get(0).get("mime").asText());
    }

    @Test
    void profileHasFieldsCountsAndPosts() throws Exception {
        JsonNode p = ok("/api/v1/profiles/" + fx.demo.alice.publicKey().address() + "?limit=1");
        assertEquals("Alice Liddell", p.get("author").get("name").asText());
        assertEquals(fx.demo.avatar.toString(), p.get("author").get("avatar").asText());
        assertTrue(p.get("bio").asText().startsWith("Building a social network"));
        assertEquals(2, p.get("postCount").asInt());
        assertEquals(2, p.get("followers").asInt());
        assertEquals(1, p.get("following").asInt());
        assertEquals(1, p.get("posts").size());
        assertTrue(p.get("next").isTextual());
    }

    @Test
    void statusMirrorsTheNode() throws Exception {
        JsonNode s = ok("/api/v1/status");
        assertEquals(5, s.get("authors").asInt());
        assertEquals(3, s.get("peers").asInt());
        assertEquals(fx.demo.network.status().blocks(), s.get("blocks").asLong());
    }

    @Test
    void errorsAreJsonWithAShortMessage() throws Exception {
        assertError("/api/v1/posts/not-a-cid", 400, "not a valid CID: not-a-cid");
        assertError("/api/v1/posts/" + fx.demo.avatar, 404, "no post " + fx.demo.avatar + " here");
        assertError("/api/v1/profiles/xyz", 400, "not a wallet address: xyz");
        assertError("/api/v1/posts?limit=0", 400, "limit must be an integer from 1 to 100");
        assertError("/api/v1/posts?limit=abc", 400, "limit must be an integer from 1 to 100");
        assertError("/api/v1/posts?before=1-2-3", 400, "not a valid cursor (<timestamp>-<cid>): 1-2-3");
        assertError("/api/v2/anything", 404, "no such API endpoint: /api/v2/anything");
    }

    private static void assertError(String path, int status, String message) throws Exception {
        HttpResponse<String> r = fx.get(path);
        assertEquals(status, r.statusCode(), path);
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        assertEquals(message, JSON.readTree(r.body()).get("error").asText());
    }
}
