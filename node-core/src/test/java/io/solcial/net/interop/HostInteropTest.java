package io.solcial.net.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.NettyLeakExtension;
import io.solcial.net.PeerInfo;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.net.identify.IdentifyProtocol;
import io.solcial.net.ping.PingProtocol;
import io.solcial.net.yamux.YamuxTestAccess;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A {@link Libp2pHost} against real js-libp2p peers: ping, identify, many streams, flow control. */
@ExtendWith(NettyLeakExtension.class)
class HostInteropTest {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int MIB = 1024 * 1024;

    private final List<Libp2pHost> hosts = new ArrayList<>();

    @BeforeEach
    void requireNode() {
        JsHarness.requireNode();
    }

    @AfterEach
    void stopHosts() {
        hosts.forEach(h -> h.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    static Libp2pHost startHost(List<Libp2pHost> hosts) {
        Libp2pHost h = new Libp2pHost(Ed25519KeyPair.generate(), HostConfig.defaults(), Clock.systemUTC());
        h.addProtocol(TestProtocols.echo());
        h.start().orTimeout(10, TimeUnit.SECONDS).join();
        hosts.add(h);
        return h;
    }

    static String dialAddress(Libp2pHost h) {
        return h.listenAddresses().get(0) + "/p2p/" + h.peerId();
    }

    static JsonNode identifyOf(JsPeer js, PeerId about) throws Exception {
        String line = js.awaitLine(l -> l.startsWith("identify: ") && l.contains("\"peerId\":\"" + about + "\""), TIMEOUT);
        return new ObjectMapper().readTree(line.substring("identify: ".length()));
    }

    /**
     * js's identify line about our host: agent, protocols, listen addresses, and the observedAddr
     * we sent, which is js's address as we see it (the connection's remote address).
     */
    static void assertJsIdentifiedUs(JsPeer js, Libp2pHost host, Multiaddr jsAddressSeenByUs) throws Exception {
        JsonNode id = identifyOf(js, host.peerId());
        assertTrue(id.get("agentVersion").asText().startsWith("solcial-j/"), id.toString());
        assertEquals(IdentifyProtocol.PROTOCOL_VERSION, id.get("protocolVersion").asText());
        Set<String> protocols = new java.util.HashSet<>();
        id.get("protocols").forEach(p -> protocols.add(p.asText()));
        assertEquals(host.protocols(), protocols, id.toString());
        List<String> listen = new ArrayList<>();
        id.get("listenAddrs").forEach(a -> listen.add(a.asText()));
        assertTrue(listen.contains(host.listenAddresses().get(0).toString()), id.toString());
        Multiaddr observed = Multiaddr.parse(id.get("observedAddr").asText()).withoutPeerId();
        assertEquals(jsAddressSeenByUs, observed, id.toString());
    }

    /** Our peer store's record of a js peer. */
    static void assertWeIdentifiedJs(Libp2pHost host, JsPeer js) throws Exception {
        PeerId jsId = PeerId.parse(js.peerId());
        assertTrue(waitFor(() -> host.peerStore().get(jsId).isPresent()), "identify of js stored");
        PeerInfo info = host.peerStore().get(jsId).orElseThrow();
        assertTrue(info.agentVersion().startsWith("js-libp2p/"), info.agentVersion());
        assertEquals("ipfs/0.1.0", info.protocolVersion());
        assertTrue(info.protocols().containsAll(List.of(PingProtocol.ID, IdentifyProtocol.ID)), info.protocols().toString());
        if (!js.listenAddr().isEmpty()) {
            Multiaddr jsListen = Multiaddr.parse(js.listenAddr()).withoutPeerId();
            assertTrue(info.listenAddresses().contains(jsListen), info.listenAddresses().toString());
        }
    }

    @Test
    void javaDialsJsPingsAndIdentifiesBothWays() throws Exception {
        Libp2pHost host = startHost(hosts);
        try (JsPeer js = JsPeer.start("--echo")) {
            PeerId jsId = PeerId.parse(js.peerId());
            Connection c = host.connect(Multiaddr.parse(js.listenAddr())).get(20, TimeUnit.SECONDS);
            assertEquals(jsId, c.remotePeer());
            for (int i = 0; i < 3; i++) {
                Duration rtt = host.ping().ping(host, jsId, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
                assertTrue(rtt.toNanos() > 0);
            }
            assertWeIdentifiedJs(host, js);
            assertJsIdentifiedUs(js, host, c.remoteAddress());
            // js's view of us, as js's identify told us: our ephemeral port, the connection's local address.
            assertEquals(c.localAddress(), host.peerStore().get(jsId).orElseThrow().observedAddress().orElseThrow()
                    .withoutPeerId());
            assertTrue(js.lines().contains("connected: " + host.peerId()), String.join("\n", js.lines()));
        }
    }

    @Test
    void jsDialsJavaPingsAndIdentifiesBothWays() throws Exception {
        Libp2pHost host = startHost(hosts);
        try (JsPeer js = JsPeer.start(List.of("--listen", "none", "--dial", dialAddress(host), "--ping", "3"), JsPeer.START_TIMEOUT)) {
            js.awaitLine("done"::equals, TIMEOUT);
            assertEquals(List.of(), js.linesStartingWith("error:"), () -> String.join("\n", js.lines()));
            assertEquals(3, js.linesStartingWith("rtt: ").size(), () -> String.join("\n", js.lines()));
            PeerId jsId = PeerId.parse(js.peerId());
            assertTrue(waitFor(() -> host.connection(jsId).isPresent()));
            Connection c = host.connection(jsId).orElseThrow();
            // js dialed our listen address: that is what it observed and told us.
            assertEquals(host.listenAddresses().get(0), c.localAddress());
            assertJsIdentifiedUs(js, host, c.remoteAddress());
            assertWeIdentifiedJs(host, js);
            assertEquals(c.localAddress(), host.peerStore().get(jsId).orElseThrow().observedAddress().orElseThrow()
                    .withoutPeerId());
            Duration rtt = host.ping().ping(host, jsId, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertTrue(rtt.toNanos() > 0);
        }
    }

    @Test
    void hundredConcurrentMiBEchoesThroughJs() throws Exception {
        Libp2pHost host = startHost(hosts);
        try (JsPeer js = JsPeer.start("--echo")) {
            PeerId jsId = PeerId.parse(js.peerId());
            host.connect(Multiaddr.parse(js.listenAddr())).get(20, TimeUnit.SECONDS);
            List<CompletableFuture<Long>> echoes = new ArrayList<>();
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                TestProtocols.PatternReader reader = new TestProtocols.PatternReader(MIB);
                echoes.add(reader.done());
                sends.add(host.newStream(jsId, List.of(TestProtocols.ECHO), reader)
                        .thenCompose(s -> TestProtocols.sendPattern(s, MIB, 4)));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (CompletableFuture<Long> e : echoes) {
                assertEquals(MIB, e.join());
            }
            host.ping().ping(host, jsId, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void jsEchoesHundredConcurrentMiBThroughJava() throws Exception {
        Libp2pHost host = startHost(hosts);
        // --echo too: js applies its handler's stream limits (1024) to outbound streams of a
        // protocol it handles; otherwise its default of 64 outbound streams per protocol applies.
        try (JsPeer js = JsPeer.start(List.of("--listen", "none", "--echo", "--dial", dialAddress(host),
                "--open-echo", "100", "--bytes", String.valueOf(MIB)), JsPeer.START_TIMEOUT)) {
            js.awaitLine("done"::equals, TIMEOUT);
            assertEquals(List.of(), js.linesStartingWith("error:"), () -> String.join("\n", js.lines()));
            assertTrue(js.lines().contains("echo-ok 100"), () -> String.join("\n", js.lines()));
        }
    }

    @Test
    void javaCrc32SinkCountsAndChecksWhatJsSent() throws Exception {
        long total = 8L * MIB + 7;
        Libp2pHost host = startHost(hosts);
        host.addProtocol(new io.solcial.net.ProtocolHandler(TestProtocols.SINK_CRC32, TestProtocols.Sink::crc32));
        try (JsPeer js = JsPeer.start(List.of("--listen", "none", "--dial", dialAddress(host),
                "--send-sink", String.valueOf(total), "--sink-check", "crc32"), JsPeer.START_TIMEOUT)) {
            assertEquals(total + " " + HexFormat.of().toHexDigits(TestProtocols.patternCrc32(total)),
                    js.awaitValue("sink-reply:", TIMEOUT));
            js.awaitLine("done"::equals, TIMEOUT);
            assertEquals(List.of(), js.linesStartingWith("error:"), () -> String.join("\n", js.lines()));
        }
    }

    @Test
    void jsSends64MiBToASlowJavaReaderThatBuffersAtMostOneWindow() throws Exception {
        long total = 64L * MIB;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            Libp2pHost host = startHost(hosts);
            AtomicReference<TestProtocols.Sink> sink = new AtomicReference<>();
            // Slow: 128 KiB per 2 ms tick at most, well under what js can send on loopback.
            host.addProtocol(new io.solcial.net.ProtocolHandler(TestProtocols.SINK, () -> {
                TestProtocols.Sink s = new TestProtocols.Sink(timer, 128 * 1024, 2);
                sink.set(s);
                return s;
            }));
            try (JsPeer js = JsPeer.start(List.of("--listen", "none", "--dial", dialAddress(host),
                    "--send-sink", String.valueOf(total)), JsPeer.START_TIMEOUT)) {
                String reply = js.awaitValue("sink-reply:", TIMEOUT);
                assertEquals(total + " " + HexFormat.of().formatHex(TestProtocols.patternSha256(total)), reply);
                js.awaitLine("done"::equals, TIMEOUT);
                assertEquals(List.of(), js.linesStartingWith("error:"), () -> String.join("\n", js.lines()));
                TestProtocols.Sink s = sink.get();
                assertEquals(total, s.done().get(10, TimeUnit.SECONDS).count());
                Connection c = host.connection(PeerId.parse(js.peerId())).orElseThrow();
                long peak = YamuxTestAccess.peakStreamBufferedBytes(c);
                System.out.printf("slow sink: %d pauses, at most %d bytes per tick, peak buffered %d bytes, js %s MB/s%n",
                        s.pauses(), s.maxPerTick(), peak, js.awaitValue("sink-throughput:", TIMEOUT));
                assertTrue(s.pauses() > 100, "the reader was slow: " + s.pauses() + " pauses");
                // js was ahead of us (data waited in our buffer), but never by more than one window.
                assertTrue(peak >= 64 * 1024, "js was ahead of the slow reader: peak " + peak);
                assertTrue(peak <= 256 * 1024, "at most one 256 KiB window buffered: peak " + peak);
                assertTrue(s.maxPerTick() <= 128 * 1024 + 256 * 1024, "per tick " + s.maxPerTick());
            }
        } finally {
            timer.shutdownNow();
        }
    }

    static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
