package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.membership.InMemoryMembershipOracle;
import io.solcial.multiformats.Multiaddr;
import io.solcial.node.Node;
import io.solcial.node.NodeConfig;
import io.solcial.node.OracleFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code solcial beacon} as an operator runs it: a real process, a real peer, SIGTERM, restart. */
class BeaconCommandTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    /** A running {@code solcial beacon} process and the lines it printed on start. */
    private record Running(Process process, String account, Multiaddr address, URI gateway) {
    }

    private Running start(Path data, Path config, String member) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the launcher's own logging config (the test classpath also holds modules' logback-test.xml)
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), "io.solcial.cli.SolcialMain", "beacon",
                "--config", config.toString(), "--member", member));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("beacon.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String account = null;
        Multiaddr address = null;
        URI gateway = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (gateway == null && System.nanoTime() < end) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            if (line.startsWith("account: ")) {
                account = line.substring(9);
            } else if (line.startsWith("listening: ")) {
                address = Multiaddr.parse(line.substring(11));
            } else if (line.startsWith("gateway: ")) {
                gateway = URI.create(line.substring(9));
            }
        }
        if (gateway == null) {
            p.destroyForcibly();
            throw new AssertionError("beacon did not start: " + Files.readString(dir.resolve("beacon.err")));
        }
        return new Running(p, account, address, gateway);
    }

    private String get(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    /** The body whatever the status (404 while the profile has not arrived yet). */
    private String body(URI base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void servesReplicatesStopsOnSigtermAndKeepsEverythingAcrossARestart() throws Exception {
        Path data = dir.resolve("beacon-data");
        Path config = dir.resolve("beacon.conf");
        Files.writeString(config, "data=" + data + "\nlisten=/ip4/127.0.0.1/tcp/0\nhttp=127.0.0.1:0\n");
        Ed25519KeyPair user = Ed25519KeyPair.generate();
        Running beacon = start(data, config, user.publicKey().address());
        Node node = null;
        try {
            assertTrue(beacon.address().toString().endsWith("/p2p/" + beacon.address().peerIdMultihash()
                    .map(io.solcial.identity.PeerId::new).orElseThrow()));
            assertEquals("ok", get(beacon.gateway(), "/healthz").trim().toLowerCase().substring(0, 2));
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(data.resolve("identity.json")));

            InMemoryMembershipOracle oracle = new InMemoryMembershipOracle().register(user.publicKey())
                    .register(io.solcial.identity.Ed25519PublicKey.fromAddress(beacon.account()));
            node = Node.start(NodeConfig.defaults(user, OracleFactory.of(oracle)).withBootstrap(List.of(beacon.address())));
            node.joined().get(20, TimeUnit.SECONDS);
            node.post("posted to the beacon", List.of());
            String address = user.publicKey().address();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!body(beacon.gateway(), "/api/v1/profiles/" + address).contains("posted to the beacon")
                    && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertTrue(get(beacon.gateway(), "/u/" + address).contains("posted to the beacon"));
        } finally {
            if (node != null) {
                node.close();
            }
            beacon.process().destroy(); // SIGTERM
        }
        assertTrue(beacon.process().waitFor(30, TimeUnit.SECONDS), "stopped within 30 s of SIGTERM");
        assertTrue(Files.readString(dir.resolve("beacon.err")).contains("replicated"),
                "the operator's log says what was replicated");

        Running again = start(data, config, user.publicKey().address());
        try {
            assertEquals(beacon.account(), again.account(), "same identity after restart");
            assertTrue(get(again.gateway(), "/u/" + user.publicKey().address()).contains("posted to the beacon"),
                    "the replicated post survived the restart");
        } finally {
            again.process().destroy();
            again.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadConfigFileIsAClearError() throws Exception {
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, "data=" + dir + "\nlisten_addr=/ip4/127.0.0.1/tcp/0\n");
        CliHarness.Result r = new CliHarness().run("beacon", "--config", config.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown key 'listen_addr'"), r.err());

        CliHarness.Result noData = new CliHarness().run("beacon");
        assertEquals(1, noData.exitCode());
        assertTrue(noData.err().contains("--data DIR is required"), noData.err());

        CliHarness.Result mintOnly = new CliHarness().run("beacon", "--data", dir.toString(), "--mint",
                "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS");
        assertEquals(1, mintOnly.exitCode());
        assertTrue(mintOnly.err().contains("--mint needs --rpc"), mintOnly.err());
    }
}
