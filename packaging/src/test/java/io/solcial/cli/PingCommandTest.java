package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.net.interop.JsPeer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PingCommandTest {
    private Libp2pHost target;
    private String address;

    @BeforeEach
    void startTarget() {
        target = new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults(), Clock.systemUTC());
        target.start().orTimeout(10, TimeUnit.SECONDS).join();
        address = target.listenAddresses().get(0) + "/p2p/" + target.peerId();
    }

    @AfterEach
    void stopTarget() {
        target.stop().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void printsPeerAgentProtocolsAndOneRttPerPing() {
        CliHarness.Result r = new CliHarness().run("ping", address, "--count", "3", "--interval", "0");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.outLines();
        assertEquals(6, lines.size(), r.out());
        assertEquals("peer: " + target.peerId(), lines.get(0));
        assertEquals("agent: " + HostConfig.DEFAULT_AGENT, lines.get(1));
        assertTrue(lines.get(2).startsWith("protocols: ") && lines.get(2).contains("/ipfs/ping/1.0.0"), lines.get(2));
        for (String rtt : lines.subList(3, 6)) {
            assertTrue(rtt.matches("rtt: \\d+\\.\\d{3} ms"), rtt);
        }
    }

    @Test
    void wrongPeerIdIsAOneLineFailure() {
        String wrong = target.listenAddresses().get(0) + "/p2p/" + Ed25519KeyPair.generate().peerId();
        CliHarness.Result r = new CliHarness().run("ping", wrong);
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("error: peer id mismatch"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void unreachablePeerIsAOneLineFailure() {
        CliHarness.Result r = new CliHarness().run("ping", "/ip4/127.0.0.1/tcp/1", "--timeout", "3");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("error: cannot connect to /ip4/127.0.0.1/tcp/1"), r.err());
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliHarness.Result r = new CliHarness().run("ping", "/ip4/127.0.0.1/tcp/" + silent.getLocalPort(),
                    "--timeout", "1");
            assertEquals(1, r.exitCode());
            assertTrue(r.err().contains("timed out"), r.err());
        }
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, new CliHarness().run("ping", "not-an-address").exitCode());
        assertEquals(2, new CliHarness().run("ping").exitCode());
        assertEquals(2, new CliHarness().run("ping", address, "--count", "0").exitCode());
    }

    @Test
    void pingsARealJsLibp2pPeer() throws Exception {
        try (JsPeer js = JsPeer.start("--echo")) {
            CliHarness.Result r = new CliHarness().run("ping", js.listenAddr(), "--count", "2", "--interval", "0");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("peer: " + js.peerId(), r.outLines().get(0));
            assertTrue(r.outLines().get(1).startsWith("agent: js-libp2p/"), r.out());
            assertTrue(r.outLines().get(2).contains("/solcial-test/echo/1.0.0"), r.out());
            assertEquals(2, r.outLines().stream().filter(l -> l.startsWith("rtt: ")).count());
            Multiaddr.parse(js.listenAddr());
        }
    }
}
