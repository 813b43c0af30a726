package io.solcial.net.yamux;

import io.solcial.net.NettyLeakExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static io.solcial.net.yamux.TestHandlers.ECHO;
import static io.solcial.net.yamux.YamuxConstants.FLAG_ACK;
import static io.solcial.net.yamux.YamuxConstants.FLAG_FIN;
import static io.solcial.net.yamux.YamuxConstants.FLAG_RST;
import static io.solcial.net.yamux.YamuxConstants.FLAG_SYN;
import static io.solcial.net.yamux.YamuxConstants.GO_AWAY_INTERNAL_ERROR;
import static io.solcial.net.yamux.YamuxConstants.GO_AWAY_NORMAL;
import static io.solcial.net.yamux.YamuxConstants.GO_AWAY_PROTOCOL_ERROR;
import static io.solcial.net.yamux.YamuxConstants.TYPE_DATA;
import static io.solcial.net.yamux.YamuxConstants.TYPE_GO_AWAY;
import static io.solcial.net.yamux.YamuxConstants.TYPE_PING;
import static io.solcial.net.yamux.YamuxConstants.TYPE_WINDOW_UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.net.mss.MultistreamSelect;
import io.solcial.net.yamux.YamuxTestNet.Frame;
import io.solcial.net.yamux.YamuxTestNet.RawPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A yamux server against a peer that writes frames by hand, including broken ones. */
@ExtendWith(NettyLeakExtension.class)
class YamuxBadPeerTest {
    private final YamuxTestNet net = new YamuxTestNet();
    /** No keepalive pings in the way unless a test wants them. */
    private static final YamuxConfig QUIET = YamuxConfig.defaults().withKeepalive(Duration.ZERO, Duration.ofSeconds(5));



    @AfterEach
    void tearDown() throws Exception {
        net.close();
    }

    /** Opens stream {@code id} and negotiates the echo protocol by hand. */
    private static void openEcho(RawPeer raw, int id) throws IOException {
        MultistreamSelect mss = MultistreamSelect.initiator(List.of(ECHO));
        raw.sendData(FLAG_SYN, id, mss.start());
        boolean acked = false;
        while (true) {
            Frame f = raw.readUntil(x -> x.streamId() == id);
            acked |= f.has(FLAG_ACK);
            if (f.type() == TYPE_DATA && f.data().length > 0) {
                MultistreamSelect.Outcome o = mss.receive(f.data(), b -> {
                });
                if (o instanceof MultistreamSelect.Selected) {
                    assertTrue(acked, "the first frame back carries ACK");
                    return;
                }
                assertInstanceOf(MultistreamSelect.Pending.class, o);
            }
        }
    }

    private static byte[] echo(RawPeer raw, int id, String text) throws IOException {
        raw.sendData(0, id, text.getBytes(StandardCharsets.UTF_8));
        StringBuilder got = new StringBuilder();
        while (got.length() < text.length()) {
            Frame f = raw.readUntil(x -> x.streamId() == id && x.type() == TYPE_DATA);
            got.append(new String(f.data(), StandardCharsets.UTF_8));
        }
        assertEquals(text, got.toString());
        return got.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertClosedWith(RawPeer raw, long goAwayCode) throws Exception {
        assertEquals(goAwayCode, raw.readToEof());
        raw.server.closeFuture().get(5, TimeUnit.SECONDS);
        assertFalse(raw.server.isOpen());
    }

    @Test
    void badVersionClosesTheConnectionWithProtocolError() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            raw.send(1, TYPE_PING, FLAG_SYN, 0, 1, new byte[0]);
            assertClosedWith(raw, GO_AWAY_PROTOCOL_ERROR);
        }
    }

    @Test
    void unknownTypeClosesTheConnectionWithProtocolError() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            openEcho(raw, 1);
            raw.send(0, 4, 0, 0, 0, new byte[0]);
            assertClosedWith(raw, GO_AWAY_PROTOCOL_ERROR);
        }
    }

    @Test
    void windowViolationClosesTheConnectionWithProtocolError() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            openEcho(raw, 1);
            try {
                // The peer's credit is 256 KiB minus the multistream bytes it already sent.
                raw.sendData(0, 1, new byte[YamuxConstants.INITIAL_WINDOW]);
            } catch (IOException closedWhileWriting) {
                // fine: the server may drop us before the payload is through
            }
            assertClosedWith(raw, GO_AWAY_PROTOCOL_ERROR);
        }
    }

    @Test
    void dataForAnUnknownStreamIsResetAndTheConnectionSurvives() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            openEcho(raw, 1);
            raw.sendData(0, 7, "who am I".getBytes(StandardCharsets.UTF_8));
            Frame rst = raw.readUntil(f -> f.streamId() == 7);
            assertTrue(rst.has(FLAG_RST));
            raw.send(TYPE_WINDOW_UPDATE, 0, 9, 1000); // a late window update: ignored silently
            raw.assertAlive();
            echo(raw, 1, "stream 1 unaffected");
        }
    }

    @Test
    void streamsPastTheInboundLimitAreRefusedWithRst() throws Exception {
        try (RawPeer raw = net.raw(QUIET.withStreamLimits(4, 4), TestHandlers.echo())) {
            for (int id = 1; id <= 7; id += 2) {
                openEcho(raw, id);
            }
            raw.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 9, 0);
            Frame refused = raw.readUntil(f -> f.streamId() == 9);
            assertTrue(refused.has(FLAG_RST));
            assertEquals(1, raw.server.refusedStreams());
            raw.assertAlive();
            echo(raw, 3, "open streams keep working");
            // Ending one stream frees a slot.
            raw.send(TYPE_WINDOW_UPDATE, FLAG_FIN, 5, 0);
            raw.readUntil(f -> f.streamId() == 5 && f.has(FLAG_FIN));
            openEcho(raw, 11);
            echo(raw, 11, "a new one fits");
        }
    }

    @Test
    void aSynWithOurParityIsRefusedAndTheConnectionSurvives() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            raw.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 2, 0);
            Frame refused = raw.readUntil(f -> f.streamId() == 2);
            assertTrue(refused.has(FLAG_RST));
            raw.assertAlive();
            openEcho(raw, 1);
            echo(raw, 1, "fine");
        }
    }

    @Test
    void garbageNegotiationResetsOnlyThatStream() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            openEcho(raw, 1);
            raw.sendData(FLAG_SYN, 3, "\u0005hello, not multistream\n".getBytes(StandardCharsets.UTF_8));
            Frame rst = raw.readUntil(f -> f.streamId() == 3 && f.has(FLAG_RST));
            assertTrue(rst.has(FLAG_RST));
            echo(raw, 1, "stream 1 unaffected");
            raw.assertAlive();
        }
    }

    @Test
    void answersPingsWithTheSameOpaqueValue() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            raw.send(TYPE_PING, FLAG_SYN, 0, 0xFFFF_FFF0L);
            Frame pong = raw.readUntil(f -> f.type() == TYPE_PING);
            assertTrue(pong.has(FLAG_ACK));
            assertEquals(0, pong.streamId());
            assertEquals(0xFFFF_FFF0L, pong.length());
        }
    }

    @Test
    void keepaliveClosesAConnectionWhosePeerNeverAnswers() throws Exception {
        YamuxConfig fast = YamuxConfig.defaults().withKeepalive(Duration.ofMillis(50), Duration.ofMillis(150));
        try (RawPeer raw = net.raw(fast, TestHandlers.echo())) {
            Frame ping = raw.read();
            assertEquals(TYPE_PING, ping.type());
            assertTrue(ping.has(FLAG_SYN));
            assertClosedWith(raw, GO_AWAY_INTERNAL_ERROR);
        }
    }

    @Test
    void goAwayStopsNewStreamsButLetsOpenOnesFinish() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            openEcho(raw, 1);
            raw.send(TYPE_GO_AWAY, 0, 0, GO_AWAY_NORMAL);
            raw.assertAlive();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> raw.server.newStream(List.of(ECHO), new TestHandlers.Collector()).get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("GoAway"), e.getCause().getMessage());
            echo(raw, 1, "still echoing");
            raw.send(TYPE_WINDOW_UPDATE, FLAG_FIN, 1, 0);
            raw.readUntil(f -> f.streamId() == 1 && f.has(FLAG_FIN));
            // Last stream done after the peer's GoAway: the server closes, normally.
            assertClosedWith(raw, GO_AWAY_NORMAL);
        }
    }

    @Test
    void serverOpensEvenIdsAndTheOpenerSeesAPeerReset() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            var opening = raw.server.newStream(List.of(ECHO), new TestHandlers.Collector());
            Frame syn = raw.readUntil(f -> f.has(FLAG_SYN));
            assertEquals(0, syn.streamId() % 2);
            assertTrue(syn.streamId() > 0);
            raw.send(TYPE_WINDOW_UPDATE, FLAG_RST, syn.streamId(), 0);
            assertThrows(ExecutionException.class, () -> opening.get(5, TimeUnit.SECONDS));
            raw.assertAlive();
        }
    }

    @Test
    void aSynOnOneOfOurOwnOpenStreamsIsAProtocolError() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            raw.server.newStream(List.of(ECHO), new TestHandlers.Collector());
            Frame syn = raw.readUntil(f -> f.has(FLAG_SYN));
            raw.send(TYPE_WINDOW_UPDATE, FLAG_SYN, syn.streamId(), 0);
            assertClosedWith(raw, GO_AWAY_PROTOCOL_ERROR);
        }
    }

    @Test
    void dataRightBehindTheProposalReachesTheHandler() throws Exception {
        try (RawPeer raw = net.raw(QUIET, TestHandlers.echo())) {
            MultistreamSelect mss = MultistreamSelect.initiator(List.of(ECHO));
            byte[] start = mss.start();
            byte[] early = "early bytes".getBytes(StandardCharsets.UTF_8);
            byte[] both = java.util.Arrays.copyOf(start, start.length + early.length);
            System.arraycopy(early, 0, both, start.length, early.length);
            raw.sendData(FLAG_SYN, 1, both);
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            MultistreamSelect.Outcome o = new MultistreamSelect.Pending();
            while (!(o instanceof MultistreamSelect.Selected)) {
                Frame f = raw.readUntil(x -> x.streamId() == 1 && x.type() == TYPE_DATA && x.data().length > 0);
                o = mss.receive(f.data(), b -> {
                });
            }
            got.writeBytes(((MultistreamSelect.Selected) o).leftover());
            while (got.size() < early.length) {
                got.writeBytes(raw.readUntil(x -> x.streamId() == 1 && x.type() == TYPE_DATA).data());
            }
            assertEquals("early bytes", got.toString(StandardCharsets.UTF_8));
        }
    }
}
