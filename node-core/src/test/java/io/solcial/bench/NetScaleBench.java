package io.solcial.bench;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.net.transport.TcpTransportConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Beacon scale (issue 7): how many concurrent libp2p connections one {@link Libp2pHost} holds
 * (TCP + Noise + yamux, identify run both ways), its heap and RSS per connection, and its CPU at
 * idle. The host runs in this JVM with its limits raised and no idle timeout; the connections come
 * from {@link NetScaleClient} child JVMs (each connection its own peer identity). Yamux keepalive
 * stays at its default (a ping every 30 s per connection end), so the idle figure includes it.
 *
 * <pre>mvn -B -q -pl node-core -Pbench test-compile exec:exec -Dbench.args="net scale 10000 [--idle 30] [--per-client 5000] [--in-flight 32]"</pre>
 */
final class NetScaleBench {
    private static final double MIB = 1024.0 * 1024;

    private NetScaleBench() {
    }

    static void main(String[] args) throws Exception {
        int n = 10_000;
        int idleSeconds = 30;
        int perClient = 5_000;
        int inFlight = 32;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--idle" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--per-client" -> perClient = Integer.parseInt(args[++i]);
                case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
                default -> n = Integer.parseInt(args[i]);
            }
        }
        long fds = ProcStat.openFileLimit();
        if (fds < n + 500L || perClient + 500L > fds) {
            throw new IllegalStateException("open-file limit " + fds + " is too low for " + n + " connections"
                    + " (and " + perClient + " per client JVM): raise ulimit -n");
        }
        HostConfig config = HostConfig.defaults()
                .withLimits(n + 1_000, 64)
                .withIdleTimeout(Duration.ZERO)
                .withTcp(new TcpTransportConfig(Duration.ofSeconds(30), Duration.ofSeconds(60), 0, 256 * 1024, 1024 * 1024, 4096));
        Libp2pHost server = new Libp2pHost(Ed25519KeyPair.generate(), config, Clock.systemUTC());
        server.start().get(10, TimeUnit.SECONDS);
        InetSocketAddress bound = server.listenAddresses().get(0).tcpSocketAddress().orElseThrow();
        String target = bound.getHostString() + ":" + bound.getPort();
        System.out.printf(Locale.ROOT, "== Beacon scale: %,d connections to one Libp2pHost at %s; clients: %d JVM(s), %d handshakes in flight each%n",
                n, target, (n + perClient - 1) / perClient, inFlight);
        try {
            // Warm-up: load classes, fill Netty's pools, JIT the handshake; then wait for all to close.
            try (Clients warm = Clients.spawn(target, server.peerId().toString(), 200, 200, inFlight)) {
                warm.awaitReady(Duration.ofMinutes(2));
            }
            awaitConnections(server, 0, Duration.ofSeconds(30));
            int identifiedBefore = server.peerStore().all().size();
            long heap0 = NetBenchMain.usedHeapAfterGc();
            long rss0 = ProcStat.rssBytes();
            int threads0 = threads();

            long self = ProcessHandle.current().pid();
            long openTicks = ProcStat.cpuTicks(self);
            long start = System.nanoTime();
            try (Clients clients = Clients.spawn(target, server.peerId().toString(), n, perClient, inFlight)) {
                List<Long> dialMillis = clients.awaitReady(Duration.ofMinutes(15));
                awaitConnections(server, n, Duration.ofMinutes(2));
                while (server.peerStore().all().size() - identifiedBefore < n) {
                    Thread.sleep(50);
                }
                double openSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "connections held: %,d, identified: %,d; time to open: %.1f s (%.0f /s) from"
                        + " spawning the client JVMs; their dial phases: %s ms%n", server.connections().size(),
                        server.peerStore().all().size() - identifiedBefore, openSeconds, n / openSeconds, dialMillis);
                System.out.printf(Locale.ROOT, "CPU while opening: server %.2f ms per connection (all threads, JIT and GC"
                        + " included), clients %.2f ms per connection%n",
                        (ProcStat.cpuTicks(self) - openTicks) * 1000.0 / ProcStat.TICKS_PER_SECOND / n,
                        clients.cpuTicks() * 1000.0 / ProcStat.TICKS_PER_SECOND / n);
                Thread.sleep(2_000);
                long heap1 = NetBenchMain.usedHeapAfterGc();
                long rss1 = ProcStat.rssBytes();
                System.out.printf(Locale.ROOT, "server heap (used after GC): %.1f -> %.1f MiB, +%.2f KiB per connection%n",
                        heap0 / MIB, heap1 / MIB, (heap1 - heap0) / 1024.0 / n);
                System.out.printf(Locale.ROOT, "server RSS: %.1f -> %.1f MiB, +%.2f KiB per connection (heap sized by G1's"
                        + " ergonomics; includes Netty's direct buffers); Java threads %d -> %d%n",
                        rss0 / MIB, rss1 / MIB, (rss1 - rss0) / 1024.0 / n, threads0, threads());
                long serverTicks = ProcStat.cpuTicks(self);
                long clientTicks = clients.cpuTicks();
                long idleStart = System.nanoTime();
                Thread.sleep(idleSeconds * 1_000L);
                double wall = (System.nanoTime() - idleStart) / 1e9;
                double serverCpu = 100.0 * (ProcStat.cpuTicks(self) - serverTicks) / ProcStat.TICKS_PER_SECOND / wall;
                double clientCpu = 100.0 * (clients.cpuTicks() - clientTicks) / ProcStat.TICKS_PER_SECOND / wall;
                System.out.printf(Locale.ROOT, "CPU at idle over %.0f s: server %.1f%% of one core, clients %.1f%%;"
                        + " connections still held: %,d%n", wall, serverCpu, clientCpu, server.connections().size());
                System.out.printf(Locale.ROOT, "machine load average: %.1f%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            server.stop().get(60, TimeUnit.SECONDS);
        }
    }

    private static int threads() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static void awaitConnections(Libp2pHost host, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (host.connections().size() != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server holds " + host.connections().size() + " connections, expected " + expected);
            }
            Thread.sleep(50);
        }
    }

    /** Client JVMs ({@link NetScaleClient}); closing them closes their stdin, which ends them. */
    private static final class Clients implements AutoCloseable {
        private final List<Process> processes = new ArrayList<>();
        private final List<CompletableFuture<Long>> ready = new ArrayList<>();

        static Clients spawn(String target, String peer, int total, int perClient, int inFlight) throws IOException {
            Clients c = new Clients();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (int left = total, i = 0; left > 0; i++) {
                int count = Math.min(perClient, left);
                left -= count;
                Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                        NetScaleClient.class.getName(), target, peer, Integer.toString(count), Integer.toString(inFlight))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                c.processes.add(p);
                c.ready.add(watch(p, i));
            }
            return c;
        }

        /** Reads a client's stdout: progress lines, then {@code ready <held> <failed> <ms>}. */
        private static CompletableFuture<Long> watch(Process p, int index) {
            CompletableFuture<Long> ready = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("ready ")) {
                            String[] f = line.split(" ");
                            if (!f[2].equals("0")) {
                                ready.completeExceptionally(new IllegalStateException("client " + index + ": " + line));
                            }
                            ready.complete(Long.parseLong(f[3]));
                        } else if (line.startsWith("progress ")) {
                            System.out.printf(Locale.ROOT, "  client %d: %s%n", index, line);
                        }
                    }
                    ready.completeExceptionally(new IllegalStateException("client " + index + " ended early"));
                } catch (IOException e) {
                    ready.completeExceptionally(e);
                }
            }, "scale-client-" + index);
            t.setDaemon(true);
            t.start();
            return ready;
        }

        List<Long> awaitReady(Duration timeout) throws Exception {
            List<Long> millis = new ArrayList<>();
            for (CompletableFuture<Long> r : ready) {
                millis.add(r.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            return millis;
        }

        long cpuTicks() throws IOException {
            long sum = 0;
            for (Process p : processes) {
                sum += ProcStat.cpuTicks(p.pid());
            }
            return sum;
        }

        @Override
        public void close() throws Exception {
            for (Process p : processes) {
                p.getOutputStream().close();
            }
            for (Process p : processes) {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
