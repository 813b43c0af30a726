package io.solcial.net.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.PeerId;
import io.solcial.net.Connection;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.host.Libp2pHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A js peer holds its connection to our host for 35 s: past three of js's 10-second connection
 * monitor pings and one 30-second yamux keepalive. About 40 s; the only such test.
 */
@ExtendWith(NettyLeakExtension.class)
class HostKeepaliveInteropTest {
    private final List<Libp2pHost> hosts = new ArrayList<>();

    @BeforeEach
    void requireNode() {
        JsHarness.requireNode();
    }

    @AfterEach
    void stopHosts() {
        hosts.forEach(h -> h.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    @Test
    void connectionSurvivesJsPingsAndYamuxKeepalives() throws Exception {
        Libp2pHost host = HostInteropTest.startHost(hosts);
        try (JsPeer js = JsPeer.start(List.of("--listen", "none", "--dial", HostInteropTest.dialAddress(host),
                "--hold", "35"), JsPeer.START_TIMEOUT)) {
            PeerId jsId = PeerId.parse(js.peerId());
            assertTrue(HostInteropTest.waitFor(() -> host.connection(jsId).isPresent()));
            Connection first = host.connection(jsId).orElseThrow();
            assertEquals("true", js.awaitValue("still-connected:", Duration.ofSeconds(60)));
            js.awaitLine("done"::equals, Duration.ofSeconds(10));
            assertEquals(List.of(), js.linesStartingWith("error:"), () -> String.join("\n", js.lines()));
            assertTrue(js.linesStartingWith("disconnected:").isEmpty(), () -> String.join("\n", js.lines()));
            Connection now = host.connection(jsId).orElseThrow();
            assertTrue(now == first && now.isOpen(), "the same connection is still up");
            host.ping().ping(host, jsId, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        }
    }
}
