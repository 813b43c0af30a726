package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.beacon.gateway.GatewayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBeaconHoldsAndServesEveryDemoUsersPostsProfilesAndPicture() throws Exception {
        System.setProperty("java.awt.headless", "true");
        StringWriter log = new StringWriter();
        try (DemoNetwork demo = DemoNetwork.start(3, GatewayConfig.of("127.0.0.1", 0), new PrintWriter(log, true))) {
            URI gateway = demo.beacon().gatewayUri();
            String home = get(gateway).body();
            for (String name : List.of("Alice", "Bob", "Carol")) {
                assertTrue(home.contains("Hello from " + name), name + "'s post is on the front page");
            }
            String alice = get(gateway.resolve("/u/" + demo.users().get(0).account().address())).body();
            assertTrue(alice.contains("Alice runs a Solcial node"), "Alice's profile");
            assertTrue(alice.contains("/media/"), "Alice's picture is linked");
            assertEquals(3, demo.beacon().node().reader().status().authors());
            assertTrue(log.toString().contains("demo: 3 users wrote"), log.toString());
        }
    }

    @Test
    void theCommandPrintsTheGatewayAndStopsCleanly() throws Exception {
        CliHarness.Result r = new CliHarness().run("demo", "--users", "2", "--headless", "--exit-after", "0");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.outLines();
        assertEquals(2, lines.stream().filter(l -> l.startsWith("user: ")).count(), r.out());
        String gateway = lines.stream().filter(l -> l.startsWith("gateway: http://127.0.0.1:")).findFirst()
                .orElseThrow(() -> new AssertionError(r.out())).substring(9);
        assertThrows(IOException.class, () -> get(URI.create(gateway)), "the gateway is closed after --exit-after");
    }

    @Test
    void tooManyUsersIsAClearError() {
        CliHarness.Result r = new CliHarness().run("demo", "--users", "9", "--headless", "--exit-after", "0");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--users must be 1..8"), r.err());
    }
}
