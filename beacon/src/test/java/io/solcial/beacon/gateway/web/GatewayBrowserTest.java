package io.solcial.beacon.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solcial.beacon.gateway.DemoNetwork;
import io.solcial.beacon.gateway.GatewayFixture;
import io.solcial.beacon.gateway.NodeScript;
import io.solcial.net.interop.JsHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the web mirror in headless Chromium (interop/gateway-browser.mjs, playwright-core) and
 * checks what a reader sees: the "signature verified" mark on honest posts, the NOT verified
 * warning on a forged post and on a page whose text the beacon changed, post HTML shown as text.
 * It also leaves screenshots of the home and a profile page at phone and laptop widths in
 * {@code target/screenshots}. Under CI=true a missing Chromium or interop install fails the test.
 */
class GatewayBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewayFixture fx;
    private static List<JsonNode> lines;

    @BeforeAll
    static void runBrowser() throws Exception {
        requireTools();
        fx = new GatewayFixture();
        DemoNetwork d = fx.demo;
        Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
        Path outDir = Files.createDirectories(target.resolve("screenshots"));
        Path profile = Files.createTempDirectory("gateway-chromium-");
        String alice = "/u/" + d.alice.publicKey().address();
        Map<String, Object> spec = Map.of(
                "base", fx.base.toString(),
                "chromium", CHROMIUM.toString(),
                "profileDir", profile.toString(),
                "outDir", outDir.toString(),
                "posts", List.of(d.welcome.cid().toString(), d.reply.cid().toString(), d.photoPost.cid().toString(),
                        d.xss.cid().toString(), d.forged.cid().toString()),
                "tamper", List.of(d.welcome.cid().toString()),
                "screens", List.of(
                        screen("/", "home-phone.png", 390, 844), screen("/", "home-laptop.png", 1366, 900),
                        screen(alice, "profile-phone.png", 390, 844), screen(alice, "profile-laptop.png", 1366, 900),
                        screen("/p/" + d.welcome.cid(), "post-laptop.png", 1366, 900)));
        Path specFile = target.resolve("gateway-browser-spec.json");
        JSON.writeValue(specFile.toFile(), spec);
        try {
            lines = run(specFile);
        } finally {
            deleteTree(profile);
        }
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void honestPostsShowTheVerifiedMarkAndTheirText() {
        JsonNode welcome = line("post", fx.demo.welcome.cid().toString());
        assertEquals("ok", welcome.get("state").asText(), welcome.toString());
        assertTrue(welcome.get("label").asText().contains("signature verified"));
        assertEquals(fx.demo.welcomeText, welcome.get("text").asText());
        JsonNode reply = line("post", fx.demo.reply.cid().toString());
        assertEquals("ok", reply.get("state").asText(), reply.toString());
        assertEquals(fx.demo.replyText, reply.get("text").asText());
        assertEquals("ok", line("post", fx.demo.photoPost.cid().toString()).get("state").asText(), "a post with an image");
    }

    @Test
    void postHtmlIsShownAsTextAndNeverRuns() {
        JsonNode xss = line("post", fx.demo.xss.cid().toString());
        assertEquals(DemoNetwork.XSS_TEXT, xss.get("text").asText());
        assertTrue(xss.get("pwned").isNull(), "no script from the post ran: " + xss);
        assertEquals("ok", xss.get("state").asText(), "and its signature still verifies");
    }

    @Test
    void aForgedPostIsMarkedNotVerified() {
        JsonNode forged = line("post", fx.demo.forged.cid().toString());
        assertEquals("bad", forged.get("state").asText(), forged.toString());
        assertTrue(forged.get("label").asText().contains("signature NOT verified"));
        assertEquals("the signature does not match the entry", forged.get("reason").asText());
    }

    @Test
    void aPageWhoseTextTheBeaconChangedIsMarkedNotVerified() {
        JsonNode tampered = line("tamper", fx.demo.welcome.cid().toString());
        assertEquals("Tampered by the beacon", tampered.get("text").asText());
        assertEquals("bad", tampered.get("state").asText(), tampered.toString());
        assertEquals("the text shown is not the signed text", tampered.get("reason").asText());
    }

    @Test
    void screenshotsWereTaken() throws IOException {
        for (String file : List.of("home-phone.png", "home-laptop.png", "profile-phone.png", "profile-laptop.png")) {
            assertTrue(lines.stream().anyMatch(l -> "screen".equals(l.get("kind").asText())
                    && file.equals(l.get("file").asText())), file);
            Path png = Path.of(System.getProperty("basedir", ".")).resolve("target/screenshots").resolve(file);
            assertTrue(Files.size(png) > 10_000, file + " is a real picture");
        }
        assertNull(lines.stream().filter(l -> "pageerror".equals(l.get("kind").asText())).findFirst().orElse(null),
                "no script error on any page");
    }

    private static Map<String, Object> screen(String path, String file, int width, int height) {
        return Map.of("path", path, "file", file, "width", width, "height", height, "fullPage", width < 500);
    }

    private static JsonNode line(String kind, String cid) {
        return lines.stream().filter(l -> kind.equals(l.get("kind").asText()) && cid.equals(l.path("cid").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " line for " + cid + " in " + lines));
    }

    private static void requireTools() {
        JsHarness.requireNode();
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("Chromium at " + CHROMIUM + " (apt-get install -y chromium)");
        }
        if (!Files.isDirectory(JsHarness.interopDir().resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core (npm install --no-save in interop/)");
        }
        if (!missing.isEmpty()) {
            String message = "browser test needs " + String.join(" and ", missing);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    private static List<JsonNode> run(Path spec) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : NodeScript.run(180, "gateway-browser.mjs", spec.toString()).split("\n")) {
            if (!l.isBlank()) {
                out.add(JSON.readTree(l));
            }
        }
        if (out.stream().noneMatch(l -> "done".equals(l.get("kind").asText()))) {
            fail("browser script did not finish: " + out);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
