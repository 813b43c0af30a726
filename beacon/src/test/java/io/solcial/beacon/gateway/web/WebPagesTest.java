package io.solcial.beacon.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.beacon.gateway.DemoGatewayTest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebPagesTest extends DemoGatewayTest {
    @Test
    void homeListsRecentPostsNewestFirstWithSecurityHeaders() throws Exception {
        HttpResponse<String> r = fx.get("/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.headers().firstValue("content-security-policy").orElseThrow().contains("script-src 'self'"));
        assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElseThrow());
        String html = r.body();
        int second = html.indexOf("Second post: paging");
        int welcome = html.indexOf("This is my first signed post.");
        assertTrue(second > 0 && welcome > second, "newest first");
        assertFalse(html.contains(fx.demo.replyText), "replies are not on the home timeline");
        assertTrue(html.contains("href=\"/u/" + fx.demo.alice.publicKey().address() + "\""));
        assertTrue(html.contains("<script src=\"/static/verify.js\" defer></script>"));
    }

    @Test
    void postTextWithHtmlAndScriptIsShownAsText() throws Exception {
        String html = fx.get("/").body() + fx.get("/p/" + fx.demo.xss.cid()).body()
                + fx.get("/u/" + fx.demo.mallory.publicKey().address()).body();
        assertFalse(html.contains("<script>window.pwned"), "no script from a post or profile reaches the page");
        assertFalse(html.contains("<img src=x"), "no markup from a post reaches the page");
        assertFalse(html.contains("<b>Mallory</b>"), "no markup from a profile name");
        assertFalse(html.contains("<i>not a bio</i>"), "no markup from a bio");
        assertTrue(html.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt; &amp; &quot;quotes&quot;"),
                "the text is there, escaped");
        assertTrue(html.contains("&lt;b&gt;Mallory&lt;/b&gt;"));
    }

    @Test
    void postPageCarriesTheSignedBlocksAndShowsReplies() throws Exception {
        HttpResponse<String> r = fx.get("/p/" + fx.demo.welcome.cid());
        assertEquals(200, r.statusCode());
        String html = r.body();
        byte[] entry = fx.demo.network.block(fx.demo.welcome.cid()).orElseThrow().bytes();
        assertTrue(html.contains("data-entry-block=\"" + Base64.getEncoder().encodeToString(entry) + "\""));
        assertTrue(html.contains("data-content-block=\""));
        assertTrue(html.contains(fx.demo.replyText));
        assertTrue(html.contains("Replies <span class=\"count\">2</span>"));
        assertTrue(html.contains("Replying to <a href=\"/p/" + fx.demo.welcome.cid() + "\">"));
    }

    @Test
    void profilePageShowsFieldsCountsAndPosts() throws Exception {
        HttpResponse<String> r = fx.get("/u/" + fx.demo.alice.publicKey().address());
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("<h1 class=\"profile-name\">Alice Liddell</h1>"));
        assertTrue(html.contains("Building a social network you can verify."));
        assertTrue(html.contains("<strong>2</strong> followers"));
        assertTrue(html.contains("<img src=\"/media/" + fx.demo.avatar + "\""), "the avatar is served from its CID");
        assertTrue(html.contains("This is my first signed post."));
    }

    @Test
    void pagingFollowsTheCursor() throws Exception {
        String first = fx.get("/").body();
        assertFalse(first.contains("class=\"older\""), "all demo posts fit on one page");
        String cursor = fx.demo.network.recentPosts(2, java.util.Optional.empty()).next().orElseThrow().toString();
        String older = fx.get("/?before=" + cursor).body();
        assertFalse(older.contains("Second post: paging"), "the page after the cursor leaves out newer posts");
        assertTrue(older.contains("This is my first signed post."));
    }

    @Test
    void badOrUnknownAddressesCidsAndCursorsAreShortErrors() throws Exception {
        HttpResponse<String> bad = fx.get("/u/not-an-address");
        assertEquals(400, bad.statusCode());
        assertEquals("text/plain; charset=utf-8", bad.headers().firstValue("content-type").orElseThrow());
        assertTrue(bad.body().startsWith("not a wallet address"));
        assertEquals(404, fx.get("/u/" + Unknown.unknownAddress()).statusCode());
        assertEquals(400, fx.get("/p/bafynotacid").statusCode());
        assertEquals(404, fx.get("/p/" + fx.demo.avatar).statusCode(), "a CID that is not a post");
        assertEquals(400, fx.get("/?before=yesterday").statusCode());
        assertEquals(404, fx.get("/no/such/page").statusCode());
    }

    @Test
    void mediaIsServedByItsSniffedTypeWithImmutableCaching() throws Exception {
        HttpResponse<byte[]> r = fx.getBytes("/media/" + fx.demo.photo);
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("public, max-age=29030400, immutable", r.headers().firstValue("cache-control").orElseThrow());
        assertTrue(java.util.Arrays.equals(fx.demo.photoBytes, r.body()));
        HttpResponse<byte[]> notModified = fx.getBytes("/media/" + fx.demo.photo,
                "If-None-Match", r.headers().firstValue("etag").orElseThrow());
        assertEquals(304, notModified.statusCode());
    }

    @Test
    void mediaThatIsNotAnImageIsADownload() throws Exception {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        io.solcial.multiformats.Cid cid = fx.demo.network.file(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = fx.get("/media/" + cid);
        assertEquals(200, r.statusCode());
        assertEquals("application/octet-stream", r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.headers().firstValue("content-disposition").orElseThrow().startsWith("attachment"));
        assertEquals(404, fx.get("/media/" + Unknown.unknownCid()).statusCode());
        assertEquals(400, fx.get("/media/" + fx.demo.welcome.cid()).statusCode(), "an entry is not a file");
    }

    @Test
    void staticAssetsAreServedAndNothingElse() throws Exception {
        HttpResponse<String> css = fx.get("/static/site.css");
        assertEquals(200, css.statusCode());
        assertEquals("text/css; charset=utf-8", css.headers().firstValue("content-type").orElseThrow());
        assertTrue(fx.get("/static/verify.js").body().contains("crypto.subtle.verify"));
        assertEquals(404, fx.get("/static/..%2Ftemplates%2Flayout.peb").statusCode());
        assertEquals(404, fx.get("/static/layout.peb").statusCode());
    }

    /** Keys and CIDs no fixture holds. */
    static final class Unknown {
        static String unknownAddress() {
            return io.solcial.beacon.gateway.FixtureNetwork.key(99).publicKey().address();
        }

        static String unknownCid() {
            return io.solcial.multiformats.Cid.of(io.solcial.multiformats.Multicodec.RAW, new byte[] {1, 2, 3}).toString();
        }
    }
}
