package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.cli.control.ControlFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code solcial node} as a real process, driven by {@code solcial post} / {@code feed} through its control API. */
class NodeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aRunningNodeServesTheCommandsThroughItsTokenGuardedControlApiAndCleansUpOnSigterm() throws Exception {
        Path data = dir.resolve("me");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                "io.solcial.cli.SolcialMain", "node", "--data", data.toString(), "--listen", "/ip4/127.0.0.1/tcp/0")
                .redirectError(dir.resolve("node.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            URI control = null;
            String listening = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (String line; control == null && System.nanoTime() < end && (line = out.readLine()) != null; ) {
                if (line.startsWith("listening: ")) {
                    listening = line;
                } else if (line.startsWith("control: ")) {
                    control = URI.create(line.substring(9));
                }
            }
            assertTrue(control != null, "node did not start: " + Files.readString(dir.resolve("node.err")));
            assertTrue(listening.contains("/p2p/"), listening);
            assertEquals("127.0.0.1", control.getHost());

            Path file = data.resolve(ControlFile.NAME);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
            ControlFile written = ControlFile.read(data).orElseThrow();
            assertEquals(control.getPort(), written.port());
            assertEquals(p.pid(), written.pid());
            assertEquals("/ip4/127.0.0.1/tcp/0", readSetting(data, "listen"), "network options remembered");

            HttpClient http = HttpClient.newHttpClient();
            HttpRequest.Builder status = HttpRequest.newBuilder(control.resolve("/v1/status"));
            assertEquals(401, http.send(status.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, http.send(status.header("Authorization", "Bearer " + "0".repeat(64)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            // the node holds the data directory: these can only succeed through the API
            CliHarness.Result post = new CliHarness().run("post", "--data", data.toString(), "through the control API");
            assertEquals(0, post.exitCode(), post.err());
            assertEquals("", post.err(), "no brief node was started");
            String cid = post.out().trim().substring("posted: ".length());
            CliHarness.Result feed = new CliHarness().run("feed", "--data", data.toString());
            assertTrue(feed.out().contains("  through the control API"), feed.out());
            assertTrue(feed.out().contains("entry: " + cid), feed.out());

            CliHarness.Result second = new CliHarness().run("node", "--data", data.toString());
            assertEquals(1, second.exitCode());
            assertTrue(second.err().contains("in use by another running Solcial node"), second.err());
        } finally {
            p.destroy(); // SIGTERM
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s of SIGTERM");
        assertFalse(Files.exists(data.resolve(ControlFile.NAME)), "control.json removed on a clean stop");

        CliHarness.Result brief = new CliHarness().run("feed", "--data", data.toString());
        assertEquals(0, brief.exitCode(), brief.err());
        assertTrue(brief.out().contains("  through the control API"), "the post survived the stop: " + brief.out());
    }

    private static String readSetting(Path data, String key) throws Exception {
        List<String> lines = Files.readAllLines(data.resolve(UserNodeOptions.SETTINGS_FILE));
        return lines.stream().filter(l -> l.startsWith(key + "=")).findFirst().orElse("=").split("=", 2)[1]
                .replace("\\:", ":");
    }
}
