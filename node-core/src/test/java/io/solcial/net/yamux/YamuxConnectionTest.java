package io.solcial.net.yamux;

import io.solcial.net.NettyLeakExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static io.solcial.net.yamux.TestHandlers.ECHO;
import static io.solcial.net.yamux.TestHandlers.SINK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.net.Direction;
import io.solcial.net.NetException;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.ProtocolNotSupportedException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two yamux peers over loopback TCP. */
@ExtendWith(NettyLeakExtension.class)
class YamuxConnectionTest {
    private final YamuxTestNet net = new YamuxTestNet();



    @AfterEach
    void tearDown() throws Exception {
        net.close();
    }

    @Test
    void opensEchoesAndHalfClosesAStream() throws Exception {
        YamuxTestNet.Pair p = net.pair(InboundProtocols.none(), TestHandlers.echo());
        TestHandlers.Collector collector = new TestHandlers.Collector();
        Stream s = p.client().newStream(List.of("/nope/1.0.0", ECHO), collector).get(5, TimeUnit.SECONDS);
        assertTrue(collector.opened);
        assertEquals(ECHO, s.protocol());
        assertEquals(YamuxTestNet.SERVER_KEY.peerId(), s.remotePeer());
        assertTrue(s.remoteAddress().toString().startsWith("/ip4/127.0.0.1/tcp/"), s.remoteAddress().toString());
        assertEquals(Direction.OUTBOUND, p.client().direction());
        assertEquals(Direction.INBOUND, p.server().direction());
        assertEquals(YamuxTestNet.CLIENT_KEY.peerId(), p.server().remotePeer());

        s.write("hello ".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        s.write("yamux".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        s.closeWrite().get(5, TimeUnit.SECONDS);
        collector.remoteClosed.get(5, TimeUnit.SECONDS);
        collector.done.get(5, TimeUnit.SECONDS);
        assertEquals("hello yamux", collector.text.toString());
        s.closeFuture().get(5, TimeUnit.SECONDS);
        assertThrows(ExecutionException.class, () -> s.write(new byte[] {1}).get(5, TimeUnit.SECONDS));
        assertTrue(p.client().isOpen());
    }

    @Test
    void echoesOneMebibyteOnEachOfAHundredConcurrentStreams() throws Exception {
        YamuxTestNet.Pair p = net.pair(InboundProtocols.none(), TestHandlers.echo());
        List<CompletableFuture<String>> sent = new ArrayList<>();
        List<TestHandlers.Collector> collectors = new ArrayList<>();
        List<CompletableFuture<Stream>> opening = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            TestHandlers.Collector c = new TestHandlers.Collector();
            collectors.add(c);
            opening.add(p.client().newStream(List.of(ECHO), c));
        }
        for (int i = 0; i < 100; i++) {
            Stream s = opening.get(i).get(10, TimeUnit.SECONDS);
            sent.add(TestHandlers.writeAll(s, 1 << 20, 48 * 1024 + i, i, null));
        }
        for (int i = 0; i < 100; i++) {
            String expected = sent.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(expected, collectors.get(i).done.get(60, TimeUnit.SECONDS), "stream " + i);
            assertEquals(1 << 20, collectors.get(i).received.get());
        }
    }

    /** A bulk reader gets the bytes as ByteBuffers (no copy), whole and in order, across frame boundaries. */
    @Test
    void deliversToTheByteBufferMethodWithoutCallingTheArrayOne() throws Exception {
        java.security.MessageDigest sha = TestHandlers.sha256();
        AtomicLong received = new AtomicLong();
        CompletableFuture<String> digest = new CompletableFuture<>();
        StreamHandler bulk = new StreamHandler() {
            @Override
            public void onData(Stream stream, byte[] data) {
                digest.completeExceptionally(new AssertionError("the stack called onData(byte[])"));
            }

            @Override
            public void onData(Stream stream, java.nio.ByteBuffer data) {
                received.addAndGet(data.remaining());
                sha.update(data);
            }

            @Override
            public void onRemoteClose(Stream stream) {
                digest.complete(java.util.HexFormat.of().formatHex(sha.digest()));
                stream.closeWrite();
            }
        };
        YamuxTestNet.Pair p = net.pair(InboundProtocols.none(),
                InboundProtocols.of(List.of(new ProtocolHandler(SINK, () -> bulk))));
        Stream s = p.client().newStream(List.of(SINK), new TestHandlers.Collector()).get(5, TimeUnit.SECONDS);
        long total = 3L << 20;
        String expected = TestHandlers.writeAll(s, total, 100_003, 11, new AtomicLong()).get(60, TimeUnit.SECONDS);
        assertEquals(expected, digest.get(30, TimeUnit.SECONDS));
        assertEquals(total, received.get());
    }

    @Test
    void slowReaderHoldsTheSenderAndBuffersAtMostOneWindow() throws Exception {
        ScheduledExecutorService slow = Executors.newSingleThreadScheduledExecutor();
        AtomicLong consumed = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong maxAhead = new AtomicLong();
        CompletableFuture<String> sinkDigest = new CompletableFuture<>();
        StreamHandler sink = new TestHandlers.Collector() {
            private int calls;

            @Override
            public void onData(Stream stream, byte[] data) {
                super.onData(stream, data);
                consumed.addAndGet(data.length);
                maxAhead.accumulateAndGet(written.get() - consumed.get(), Math::max);
                if (++calls % 4 == 0) {
                    stream.pause();
                    slow.schedule(stream::resume, 1, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void onRemoteClose(Stream stream) {
                sinkDigest.complete(java.util.HexFormat.of().formatHex(sha.digest()));
                stream.closeWrite();
            }
        };
        try {
            YamuxTestNet.Pair p = net.pair(InboundProtocols.none(),
                    InboundProtocols.of(List.of(new ProtocolHandler(SINK, () -> sink))));
            Stream s = p.client().newStream(List.of(SINK), new TestHandlers.Collector()).get(5, TimeUnit.SECONDS);
            long total = 64L << 20;
            String expected = TestHandlers.writeAll(s, total, 100_000, 7, written).get(120, TimeUnit.SECONDS);
            assertEquals(expected, sinkDigest.get(30, TimeUnit.SECONDS));
            assertEquals(total, consumed.get());
            long peak = p.server().peakStreamBufferedBytes();
            assertTrue(peak > 0, "the paused reader buffered nothing: pausing was not exercised");
            assertTrue(peak <= YamuxConstants.INITIAL_WINDOW, "buffered " + peak + " bytes on one stream");
            assertTrue(maxAhead.get() <= YamuxConstants.INITIAL_WINDOW + 100_000,
                    "sender got " + maxAhead.get() + " bytes ahead of the reader");
        } finally {
            slow.shutdownNow();
        }
    }

    @Test
    void answersPings() throws Exception {
        YamuxTestNet.Pair p = net.pair(InboundProtocols.none(), InboundProtocols.none());
        Duration rtt = p.client().ping().get(5, TimeUnit.SECONDS);
        assertNotNull(rtt);
        assertNotNull(p.server().ping().get(5, TimeUnit.SECONDS));
    }

    @Test
    void keepaliveKeepsALiveConnectionOpen() throws Exception {
        YamuxConfig cfg = YamuxConfig.defaults().withKeepalive(Duration.ofMillis(20), Duration.ofMillis(500));
        YamuxTestNet.Pair p = net.pair(cfg, InboundProtocols.none(), cfg, TestHandlers.echo());
        Thread.sleep(400);
        assertTrue(p.client().isOpen());
        assertTrue(p.server().isOpen());
    }

    @Test
    void unknownProtocolFailsTheOpenerWithProtocolNotSupported() throws Exception {
        YamuxTestNet.Pair p = net.pair(InboundProtocols.none(), TestHandlers.echo());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> p.client().newStream(List.of("/nope/1.0.0", "/nope/2.0.0"), new TestHandlers.Collector())
                        .get(5, TimeUnit.SECONDS));
        assertInstanceOf(ProtocolNotSupportedException.class, e.getCause());
        TestHandlers.Collector c = new TestHandlers.Collector();
        Stream s = p.client().newStream(List.of(ECHO), c).get(5, TimeUnit.SECONDS);
        s.write(new byte[] {42}).get(5, TimeUnit.SECONDS);
        s.closeWrite();
        c.done.get(5, TimeUnit.SECONDS);
        assertEquals(1, c.received.get());
    }

    @Test
    void closeSendsGoAwayAndEndsEveryStreamOnBothSides() throws Exception {
        CompletableFuture<Throwable> serverSide = new CompletableFuture<>();
        StreamHandler server = new StreamHandler() {
            @Override
            public void onData(Stream stream, byte[] data) {
            }

            @Override
            public void onClosed(Stream stream, Throwable cause) {
                serverSide.complete(cause);
            }
        };
        YamuxTestNet.Pair p = net.pair(InboundProtocols.none(),
                InboundProtocols.of(List.of(new ProtocolHandler(SINK, () -> server))));
        TestHandlers.Collector c = new TestHandlers.Collector();
        Stream s = p.client().newStream(List.of(SINK), c).get(5, TimeUnit.SECONDS);
        s.write(new byte[] {1, 2, 3}).get(5, TimeUnit.SECONDS);
        p.client().close().get(5, TimeUnit.SECONDS);
        assertFalse(p.client().isOpen());
        ExecutionException e = assertThrows(ExecutionException.class, () -> c.done.get(5, TimeUnit.SECONDS));
        assertInstanceOf(NetException.class, e.getCause());
        assertNotNull(serverSide.get(5, TimeUnit.SECONDS));
        p.server().closeFuture().get(5, TimeUnit.SECONDS);
        assertThrows(ExecutionException.class,
                () -> p.client().newStream(List.of(SINK), new TestHandlers.Collector()).get(5, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> s.write(new byte[] {4}).get(5, TimeUnit.SECONDS));
    }

    @Test
    void resetEndsOnlyThatStream() throws Exception {
        YamuxTestNet.Pair p = net.pair(InboundProtocols.none(), TestHandlers.echo());
        TestHandlers.Collector a = new TestHandlers.Collector();
        TestHandlers.Collector b = new TestHandlers.Collector();
        Stream sa = p.client().newStream(List.of(ECHO), a).get(5, TimeUnit.SECONDS);
        Stream sb = p.client().newStream(List.of(ECHO), b).get(5, TimeUnit.SECONDS);
        sa.reset();
        assertThrows(ExecutionException.class, () -> a.done.get(5, TimeUnit.SECONDS));
        sb.write("still here".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        sb.closeWrite();
        b.done.get(5, TimeUnit.SECONDS);
        assertEquals("still here", b.text.toString());
    }
}
