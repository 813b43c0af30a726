package io.solcial.bench;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.ProtocolHandler;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.net.interop.JsPeer;
import io.solcial.net.interop.TestProtocols;
import io.solcial.net.noise.CipherSpeed;
import io.solcial.net.transport.ConnectionUpgrader;
import io.solcial.net.transport.InboundConnectionHandler;
import io.solcial.net.transport.SecuredChannel;
import io.solcial.net.transport.TcpTransport;
import io.solcial.net.transport.TcpTransportConfig;
import io.solcial.net.yamux.InboundProtocols;
import io.solcial.net.yamux.YamuxConfig;
import io.solcial.net.yamux.YamuxConnection;
import io.solcial.net.yamux.YamuxMuxer;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Network figures for issue 3, in one run on loopback: single-stream throughput Java↔Java
 * (Libp2pHost: TCP + Noise + yamux), js↔js (two js-libp2p processes) and raw TCP (plain
 * sockets, the ceiling); sequential full connection upgrades per second; heap per idle connection.
 * Each throughput figure is the median of several runs after a warm-up; MB = 10^6 bytes.
 *
 * <pre>mvn -B -q -pl node-core -Pbench test-compile exec:exec -Dbench.args=net</pre>
 * ({@code -Dbench.args="net --quick"} for a short smoke run; {@code --java-only} skips all but
 * the cipher and Java figures, for profiling). js figures need
 * {@code (cd interop && npm ci)}; without it they are reported as skipped. System property
 * {@code net.window} (bytes) sets the Java hosts' yamux receive window, {@code net.runs} the
 * number of timed runs and {@code net.mib} the MiB per run, for experiments when running the
 * class directly. {@code net scale N}: connections held by one host, see {@link NetScaleBench}.
 */
public final class NetBenchMain {
    private static final int MIB = 1024 * 1024;

    private NetBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("scale")) {
            NetScaleBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            System.exit(0);
        }
        boolean quick = List.of(args).contains("--quick");
        // 1 GiB per run: with 256 MiB (0.3-0.6 s on Temurin 25) the JIT was still compiling
        // during the timed runs and the per-byte CPU figures spread by 2x.
        long bytes = Long.getLong("net.mib", quick ? 64L : 1024L) * MIB;
        int runs = Integer.getInteger("net.runs", quick ? 2 : 5);
        int handshakes = quick ? 100 : 500;
        int idle = quick ? 100 : 500;
        System.out.printf(Locale.ROOT, "== Network benchmarks (loopback; %d MiB per throughput run; median of %d after warm-up)%n",
                bytes / MIB, runs);
        System.out.printf(Locale.ROOT, "JDK %s (%s), Noise cipher in use: %s ChaCha20-Poly1305; sinks check CRC-32 (both sides)%n",
                Runtime.version(), System.getProperty("java.vm.name"), CipherSpeed.inUse());

        cipherCeiling(quick ? 1500 : 4000);
        if (List.of(args).contains("--java-only")) { // for profiling the stack alone
            System.out.printf(Locale.ROOT, "Java<->Java (Noise + yamux, one stream):         %8.1f MB/s%n", javaToJava(bytes, runs));
            printJavaCpu();
            System.exit(0);
        }
        double raw = median(runs, () -> rawTcp(bytes));
        System.out.printf(Locale.ROOT, "raw TCP (plain sockets, 64 KiB writes):          %8.1f MB/s%n", raw);
        double java = javaToJava(bytes, runs);
        System.out.printf(Locale.ROOT, "Java<->Java (Noise + yamux, one stream):         %8.1f MB/s%n", java);
        printJavaCpu();
        double js = jsToJs(bytes, Math.min(runs, 3));
        if (js > 0) {
            System.out.printf(Locale.ROOT, "js<->js (js-libp2p 3.3.11, one stream):          %8.1f MB/s%n", js);
        } else {
            System.out.println("js<->js: skipped (no interop install; run npm ci in interop/)");
        }
        System.out.printf(Locale.ROOT, "ratio Java/raw TCP: %.2f (goal >= 0.30)%n", java / raw);
        if (js > 0) {
            System.out.printf(Locale.ROOT, "ratio Java/js:      %.2f (goal >= 1.5)%n", java / js);
        }
        double hs = handshakesPerSecond(handshakes);
        System.out.printf(Locale.ROOT, "full upgrades (TCP + mss + Noise XX + mss yamux), sequential: %.0f /s%n", hs);
        memoryPerIdleConnection(idle);
        System.exit(0);
    }

    /**
     * The cipher's and the sink's check's one-core speeds (CPU time, so other load does not count):
     * a single stream cannot go faster than the receiving event loop can open and check it.
     */
    private static void cipherCeiling(int messages) throws Exception {
        String inUse = CipherSpeed.inUse();
        for (String impl : List.of(CipherSpeed.OWN, CipherSpeed.JDK, CipherSpeed.CONSCRYPT)) {
            if (!CipherSpeed.available(impl)) {
                System.out.printf(Locale.ROOT, "cipher %s: not available on this platform%n", impl);
                continue;
            }
            CipherSpeed.measure(impl, messages / 4); // warm-up
            CipherSpeed.Rates r = CipherSpeed.measure(impl, messages);
            System.out.printf(Locale.ROOT, "cipher alone, one core, 64 KiB messages, %s ChaCha20-Poly1305%s: seal %.0f MB/s, open %.0f MB/s%n",
                    impl, impl.equals(inUse) ? " (in use)" : "", r.seal(), r.open());
        }
        double crc = crc32MbPerSecond(messages);
        System.out.printf(Locale.ROOT, "sink's CRC-32 alone, one core: %.0f MB/s%n", crc);
        CipherSpeed.Rates used = CipherSpeed.measure(inUse, messages);
        System.out.printf(Locale.ROOT, "receiver ceiling (open + CRC-32 on one core, no copies, no TCP): %.0f MB/s%n",
                1 / (1 / used.open() + 1 / crc));
    }

    private static double crc32MbPerSecond(int chunks) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] chunk = TestProtocols.pattern(TestProtocols.CHUNK);
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < chunks; i++) {
            crc.update(chunk);
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < chunks; i++) {
            crc.update(chunk);
        }
        return (double) chunks * chunk.length * 1e3 / (threads.getCurrentThreadCpuTime() - start);
    }

    private static final List<Double> JAVA_CPU_NS_PER_BYTE = new ArrayList<>();

    /** CPU per byte of the timed Java runs (run 0 is the warm-up): the median, and the least disturbed (lowest) run. */
    private static void printJavaCpu() {
        printCpu("CPU of this JVM (both ends, all threads)", JAVA_CPU_NS_PER_BYTE);
        printCpu("CPU of the I/O event loops (both ends)", LOOP_CPU_NS_PER_BYTE);
    }

    private static void printCpu(String what, List<Double> perRun) {
        List<Double> timed = perRun.subList(1, perRun.size());
        System.out.printf(Locale.ROOT, "  %s: %.2f ns per byte (median; lowest %.2f; runs %s)%n",
                what, medianOf(timed), Collections.min(timed),
                timed.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    private static final List<Double> LOOP_CPU_NS_PER_BYTE = new ArrayList<>();

    /** CPU time of the hosts' I/O event loops (the whole stack runs there; not JIT, GC or this thread). */
    private static long eventLoopCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("tcp-io-")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    interface Run {
        double mbPerSecond() throws Exception;
    }

    private static double median(int runs, Run run) throws Exception {
        run.mbPerSecond(); // warm-up
        List<Double> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            results.add(run.mbPerSecond());
        }
        Collections.sort(results);
        System.out.printf(Locale.ROOT, "  runs: %s%n", results.stream().map(r -> String.format(Locale.ROOT, "%.1f", r)).toList());
        return results.get(results.size() / 2);
    }

    private static double rate(long bytes, long startNanos) {
        return bytes / 1e6 / ((System.nanoTime() - startNanos) / 1e9);
    }

    // ---- raw TCP ----

    private static double rawTcp(long bytes) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> received = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] buf = new byte[64 * 1024];
                    long total = 0;
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        total += n;
                    }
                    if (total != bytes) {
                        throw new IllegalStateException("got " + total);
                    }
                    out.write(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                byte[] chunk = TestProtocols.pattern(64 * 1024);
                for (long sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk);
                }
                s.shutdownOutput();
                if (s.getInputStream().read() != 1) {
                    throw new IllegalStateException("no reply");
                }
            }
            double r = rate(bytes, start);
            received.join();
            return r;
        }
    }

    // ---- Java <-> Java ----

    private static double javaToJava(long bytes, int runs) throws Exception {
        YamuxConfig d = YamuxConfig.defaults();
        int window = Integer.getInteger("net.window", d.initialWindow());
        HostConfig config = HostConfig.defaults().withYamux(new YamuxConfig(d.maxInboundStreams(), d.maxOutboundStreams(),
                window, d.maxFramePayload(), d.keepaliveInterval(), d.pingTimeout()));
        Libp2pHost a = new Libp2pHost(Ed25519KeyPair.generate(), config, Clock.systemUTC());
        Libp2pHost b = new Libp2pHost(Ed25519KeyPair.generate(), config, Clock.systemUTC());
        try {
            b.addProtocol(new ProtocolHandler(TestProtocols.SINK_CRC32, TestProtocols.Sink::crc32));
            a.start().get(10, TimeUnit.SECONDS);
            b.start().get(10, TimeUnit.SECONDS);
            Multiaddr addr = b.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + b.peerId()));
            a.connect(addr).get(10, TimeUnit.SECONDS);
            int expected = TestProtocols.patternCrc32(bytes);
            return median(runs, () -> oneJavaRun(a, b.peerId(), bytes, expected));
        } finally {
            a.stop().get(10, TimeUnit.SECONDS);
            b.stop().get(10, TimeUnit.SECONDS);
        }
    }

    private static double oneJavaRun(Libp2pHost a, PeerId b, long bytes, int expectedCrc) throws Exception {
        ReplyReader reply = new ReplyReader();
        long cpu = processCpuNanos();
        long loops = eventLoopCpuNanos();
        long start = System.nanoTime();
        Stream s = a.newStream(b, List.of(TestProtocols.SINK_CRC32), reply).get(10, TimeUnit.SECONDS);
        TestProtocols.sendPattern(s, bytes, 16).get(120, TimeUnit.SECONDS);
        ByteBuffer r = ByteBuffer.wrap(reply.done.get(120, TimeUnit.SECONDS));
        double rate = rate(bytes, start);
        JAVA_CPU_NS_PER_BYTE.add((double) (processCpuNanos() - cpu) / bytes);
        LOOP_CPU_NS_PER_BYTE.add((double) (eventLoopCpuNanos() - loops) / bytes);
        long count = r.getLong();
        int crc = r.getInt();
        if (count != bytes || crc != expectedCrc) {
            throw new IllegalStateException("sink reply wrong: " + count + " " + HexFormat.of().toHexDigits(crc));
        }
        return rate;
    }

    /** Collects the CRC-32 sink's 12-byte reply. */
    private static final class ReplyReader implements StreamHandler {
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        private final ByteBuffer buf = ByteBuffer.allocate(12);

        @Override
        public void onData(Stream stream, byte[] data) {
            if (data.length > buf.remaining()) {
                done.completeExceptionally(new IllegalStateException("reply too long"));
                return;
            }
            buf.put(data);
        }

        @Override
        public void onRemoteClose(Stream stream) {
            done.complete(buf.array());
        }

        @Override
        public void onClosed(Stream stream, Throwable cause) {
            if (cause != null) {
                done.completeExceptionally(cause);
            }
        }
    }

    // ---- js <-> js ----

    private static double jsToJs(long bytes, int runs) throws Exception {
        int expectedCrc = TestProtocols.patternCrc32(bytes);
        try (JsPeer sink = JsPeer.start("--sink")) {
            return median(runs, () -> {
                try (JsPeer sender = JsPeer.start("--listen", "none", "--dial", sink.listenAddr(),
                        "--send-sink", String.valueOf(bytes), "--sink-check", "crc32")) {
                    String reply = sender.awaitValue("sink-reply:", Duration.ofSeconds(300));
                    if (!reply.equals(bytes + " " + HexFormat.of().toHexDigits(expectedCrc))) {
                        throw new IllegalStateException("js sink reply: " + reply);
                    }
                    return Double.parseDouble(sender.awaitValue("sink-throughput:", Duration.ofSeconds(10)));
                }
            });
        } catch (org.opentest4j.TestAbortedException e) {
            return -1;
        }
    }

    // ---- handshakes and idle connections ----

    private static double handshakesPerSecond(int n) throws Exception {
        Ed25519KeyPair serverKey = Ed25519KeyPair.generate();
        try (TcpTransport server = new TcpTransport(new ConnectionUpgrader(serverKey, Duration.ofSeconds(10)), TcpTransportConfig.defaults());
             TcpTransport client = new TcpTransport(new ConnectionUpgrader(Ed25519KeyPair.generate(), Duration.ofSeconds(10)), TcpTransportConfig.defaults())) {
            InboundConnectionHandler close = new InboundConnectionHandler() {
                @Override
                public void secured(SecuredChannel channel) {
                    channel.channel().close();
                }
            };
            Multiaddr bound = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), close).get(10, TimeUnit.SECONDS);
            Multiaddr addr = bound.encapsulate(Multiaddr.parse("/p2p/" + serverKey.peerId()));
            for (int i = 0; i < n / 2; i++) { // warm-up
                client.dial(addr).get(10, TimeUnit.SECONDS).channel().close().sync();
            }
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                client.dial(addr).get(10, TimeUnit.SECONDS).channel().close().sync();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void memoryPerIdleConnection(int n) throws Exception {
        Ed25519KeyPair serverKey = Ed25519KeyPair.generate();
        List<YamuxConnection> accepted = new CopyOnWriteArrayList<>();
        List<YamuxConnection> dialed = new ArrayList<>();
        InboundProtocols none = InboundProtocols.none();
        YamuxConfig yamux = YamuxConfig.defaults();
        try (TcpTransport server = new TcpTransport(new ConnectionUpgrader(serverKey, Duration.ofSeconds(30)), TcpTransportConfig.defaults());
             TcpTransport client = new TcpTransport(new ConnectionUpgrader(Ed25519KeyPair.generate(), Duration.ofSeconds(30)), TcpTransportConfig.defaults())) {
            Multiaddr bound = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), new InboundConnectionHandler() {
                @Override
                public void secured(SecuredChannel channel) {
                    accepted.add(YamuxMuxer.install(channel, yamux, none));
                }
            }).get(10, TimeUnit.SECONDS);
            Multiaddr addr = bound.encapsulate(Multiaddr.parse("/p2p/" + serverKey.peerId()));
            // Warm both sides' allocators and classes with a few connections, then measure.
            for (int i = 0; i < 20; i++) {
                YamuxMuxer.install(client.dial(addr).get(10, TimeUnit.SECONDS), yamux, none).close().get(10, TimeUnit.SECONDS);
            }
            while (accepted.stream().anyMatch(YamuxConnection::isOpen)) {
                Thread.sleep(10);
            }
            accepted.clear();
            long before = usedHeapAfterGc();
            for (int i = 0; i < n; i++) {
                dialed.add(YamuxMuxer.install(client.dial(addr).get(10, TimeUnit.SECONDS), yamux, none));
            }
            while (accepted.size() < n) {
                Thread.sleep(10);
            }
            Thread.sleep(500);
            long after = usedHeapAfterGc();
            long perEnd = (after - before) / (2L * n);
            System.out.printf(Locale.ROOT, "idle connections: %d (both ends in this JVM): heap +%.1f MiB = %.1f KiB per connection end%n",
                    n, (after - before) / (double) MIB, perEnd / 1024.0);
            for (YamuxConnection c : dialed) {
                c.close();
            }
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
