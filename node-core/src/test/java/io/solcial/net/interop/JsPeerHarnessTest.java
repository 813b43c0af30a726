package io.solcial.net.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the js peer harness with two js-libp2p peers talking to each other, and prints the
 * js-to-js figures that the Java stack is measured against.
 */
class JsPeerHarnessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long SINK_BYTES = 64L * 1024 * 1024;
    private static final String SEED = "01".repeat(32);
    private static final String SEED_PEER_ID = "12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5";

    @BeforeEach
    void requireNode() {
        JsHarness.requireNode();
    }

    @Test
    void jsPeersPingEchoSinkAndSourceThroughEachOther() throws Exception {
        try (JsPeer a = JsPeer.start("--seed", SEED, "--echo", "--source", "--sink")) {
            assertTrue(a.listenAddr().startsWith("/ip4/127.0.0.1/tcp/"), a.listenAddr());
            assertTrue(a.listenAddr().endsWith("/p2p/" + a.peerId()), a.listenAddr());
            String bId;
            try (JsPeer b = JsPeer.start("--dial", a.listenAddr(), "--ping", "3",
                    "--open-echo", "10", "--bytes", "1048576", "--send-sink", String.valueOf(SINK_BYTES),
                    "--fetch-source", String.valueOf(SINK_BYTES), "--hold", "1")) {
                bId = b.peerId();
                b.awaitLine("done"::equals, TIMEOUT);
                assertEquals(List.of(), b.linesStartingWith("error:"), () -> String.join("\n", b.lines()));
                assertEquals(3, b.linesStartingWith("rtt: ").size());
                assertTrue(b.lines().contains("echo-ok 10"), () -> String.join("\n", b.lines()));
                assertEquals(SINK_BYTES + " " + HexFormat.of().formatHex(patternSha256(SINK_BYTES)),
                        b.awaitValue("sink-reply:", TIMEOUT));
                double sinkRate = Double.parseDouble(b.awaitValue("sink-throughput:", TIMEOUT));
                assertEquals("source-ok " + SINK_BYTES, b.awaitLine(l -> l.startsWith("source-ok "), TIMEOUT));
                double sourceRate = Double.parseDouble(b.awaitValue("source-throughput:", TIMEOUT));
                assertEquals("true", b.awaitValue("still-connected:", TIMEOUT));

                String identifyLine = a.awaitLine(l -> l.startsWith("identify: ")
                        && l.contains("\"peerId\":\"" + b.peerId() + "\""), TIMEOUT);
                JsonNode identify = new ObjectMapper().readTree(identifyLine.substring("identify: ".length()));
                assertEquals(b.peerId(), identify.get("peerId").asText());
                assertTrue(identify.get("agentVersion").asText().startsWith("js-libp2p/"));
                assertTrue(a.lines().contains("connected: " + b.peerId()));
                System.out.printf("js<->js: rtt %s ms; %d MiB sink %.1f MB/s, source %.1f MB/s%n",
                        b.linesStartingWith("rtt: ").stream().map(l -> l.substring(5)).toList(),
                        SINK_BYTES >> 20, sinkRate, sourceRate);
            }
            a.awaitLine(("disconnected: " + bId)::equals, TIMEOUT);
        }
    }

    /** The throughput benchmark's sink: count and zlib's CRC-32, which must equal Java's CRC32. */
    @Test
    void jsSinkRepliesWithTheCrc32WhenAskedFor() throws Exception {
        long bytes = 4L * 1024 * 1024 + 100;
        try (JsPeer a = JsPeer.start("--sink");
             JsPeer b = JsPeer.start("--listen", "none", "--dial", a.listenAddr(), "--send-sink", String.valueOf(bytes),
                     "--sink-check", "crc32")) {
            assertEquals(bytes + " " + HexFormat.of().toHexDigits(TestProtocols.patternCrc32(bytes)),
                    b.awaitValue("sink-reply:", TIMEOUT));
            b.awaitLine("done"::equals, TIMEOUT);
            assertEquals(List.of(), b.linesStartingWith("error:"), () -> String.join("\n", b.lines()));
        }
    }

    /** The same id our own Ed25519 peer id code must derive from this seed. */
    @Test
    void seedGivesADeterministicPeerId() throws Exception {
        JsPeer closed;
        try (JsPeer peer = JsPeer.start("--seed", SEED, "--listen", "none")) {
            assertEquals(SEED_PEER_ID, peer.peerId());
            assertEquals("", peer.listenAddr());
            closed = peer;
        }
        assertFalse(closed.isAlive(), "close() ends the process");
    }

    /** SHA-256 of the script's pattern: byte i is (i * 31 + 7) & 0xff. */
    static byte[] patternSha256(long length) throws Exception {
        byte[] period = new byte[256];
        for (int i = 0; i < period.length; i++) {
            period[i] = (byte) (i * 31 + 7);
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (long full = length / period.length; full > 0; full--) {
            sha256.update(period);
        }
        sha256.update(period, 0, (int) (length % period.length));
        return sha256.digest();
    }
}
