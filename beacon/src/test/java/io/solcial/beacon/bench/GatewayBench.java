package io.solcial.beacon.bench;

import io.solcial.beacon.gateway.Gateway;
import io.solcial.beacon.gateway.GatewayConfig;
import io.solcial.node.LogView;
import io.solcial.node.SocialReader;
import io.solcial.store.Database;
import io.solcial.store.H2Blockstore;
import io.solcial.store.H2LogStore;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Gateway throughput under {@code wrk} beside nginx serving the same bytes as static files, in
 * one run on this machine (issue 7). Targets: a profile page ({@code /u/{address}}, 50 posts of
 * which the page shows 20) and raw blocks ({@code /ipfs/{cid}}, {@code Accept:
 * application/vnd.ipld.raw}): a signed entry (a few hundred bytes) and a 256 KiB file leaf. The
 * gateway reads through the node's own reader ({@link LogView} over the H2 stores in a temporary
 * directory), or with {@code --reader fixture} through the in-memory test reader.
 *
 * <pre>mvn -B -q -pl beacon -am -Pbench -DskipTests test -Dbench.args="gateway [--quick] [--rounds 3]"</pre>
 *
 * Options: {@code --rounds N} (3), {@code --duration S} (10 s per wrk run), {@code --warmup S} (30: at
 * least this much wrk on the gateway before each target's rounds, more until its CPU per request
 * settles), {@code --connections C} (64), {@code --threads T} (wrk threads, 2), {@code --posts P} (50), {@code --reader node|fixture},
 * {@code --nginx-workers W} (2), {@code --only REGEX} (targets by name), {@code --quick} (1 round of 5 s, 5 s warm-up).
 */
public final class GatewayBench {
    private static final String HTML = "text/html";
    private static final String RAW = "application/vnd.ipld.raw";

    private record Target(String name, String path, String accept) {
    }

    /** One server's wrk result and the CPU time its process(es) used meanwhile, per request. */
    private record Side(Wrk.Result wrk, double cpuMicrosPerRequest) {
    }

    private record Round(Side gateway, Side nginx) {
        double ratio() {
            return gateway.wrk().requestsPerSecond() / nginx.wrk().requestsPerSecond();
        }

        double cpuRatio() {
            return nginx.cpuMicrosPerRequest() / gateway.cpuMicrosPerRequest();
        }
    }

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path tmp = Files.createTempDirectory("gateway-bench",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            run(o, tmp);
        } finally {
            deleteTree(tmp);
        }
        System.exit(0);
    }

    private static void run(Options o, Path tmp) throws Exception {
        String wrkExe = executable("wrk");
        String nginxExe = executable("nginx");
        try (Database db = Database.openFile(tmp.resolve("node"))) {
            H2Blockstore blocks = new H2Blockstore(db);
            BenchProfile data = new BenchProfile(blocks, o.posts);
            H2LogStore log = new H2LogStore(db, blocks);
            data.copyLogsTo(log, blocks);
            SocialReader reader = o.reader.equals("fixture") ? data.network
                    : new LogView(log, blocks, data.network::status);
            List<Target> targets = new ArrayList<>();
            for (Target t : List.of(
                    new Target("profile page", "/u/" + data.author.publicKey().address(), HTML),
                    new Target("raw block, entry", "/ipfs/" + data.entryBlock, RAW),
                    new Target("raw block, 256 KiB", "/ipfs/" + data.leafBlock, RAW))) {
                if (t.name().matches(o.only)) {
                    targets.add(t);
                }
            }
            try (Gateway gateway = new Gateway(reader, GatewayConfig.defaults(), data.network.clockAfter(90))) {
                gateway.start();
                Path www = tmp.resolve("www");
                for (Target t : targets) {
                    byte[] body = fetchStable(gateway.uri(), t);
                    Path file = www.resolve(t.path().substring(1));
                    Files.createDirectories(file.getParent());
                    Files.write(file, body);
                    System.out.printf(Locale.ROOT, "%-20s %s (%,d bytes)%n", t.name(), t.path(), body.length);
                }
                try (Nginx nginx = Nginx.start(nginxExe, www, tmp.resolve("nginx"), o.nginxWorkers)) {
                    for (Target t : targets) {
                        if (!Arrays.equals(fetch(nginx.base(), t), Files.readAllBytes(www.resolve(t.path().substring(1))))) {
                            throw new IllegalStateException("nginx serves other bytes for " + t.path());
                        }
                    }
                    measure(o, new Wrk(wrkExe, o.threads, o.connections), targets, gateway.uri(), nginx);
                }
            }
        }
    }

    private static void measure(Options o, Wrk wrk, List<Target> targets, URI gateway, Nginx nginx) throws Exception {
        System.out.printf(Locale.ROOT, "== wrk -t%d -c%d -d%ds, %d round(s), reader %s, nginx %d worker(s), %d cores, load %.1f%n",
                o.threads, o.connections, o.duration, o.rounds, o.reader, o.nginxWorkers,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        List<List<Round>> results = new ArrayList<>();
        for (Target t : targets) {
            URI g = gateway.resolve(t.path());
            URI n = nginx.base().resolve(t.path());
            warmUp(wrk, g, t, o);
            List<Round> rounds = new ArrayList<>();
            for (int r = 0; r < o.rounds; r++) {
                // alternate the order so that drift in the machine's load hits both sides alike
                Side gs;
                Side ns;
                if (r % 2 == 0) {
                    gs = side(wrk, g, t, o.duration, ProcCpu::self);
                    ns = side(wrk, n, t, o.duration, () -> ProcCpu.tree(nginx.pid()));
                } else {
                    ns = side(wrk, n, t, o.duration, () -> ProcCpu.tree(nginx.pid()));
                    gs = side(wrk, g, t, o.duration, ProcCpu::self);
                }
                Round round = new Round(gs, ns);
                rounds.add(round);
                System.out.printf(Locale.ROOT, "  %-18s round %d: gateway %,8.0f req/s, p50/p90/p99 %s ms, %,6.0f µs CPU/req, %d err"
                        + " | nginx %,8.0f req/s, %s ms, %,5.0f µs CPU/req, %d err | ratio %.3f, CPU ratio %.3f, load %.1f%n",
                        t.name(), r + 1, gs.wrk().requestsPerSecond(), gs.wrk().latencies(), gs.cpuMicrosPerRequest(),
                        gs.wrk().errors(), ns.wrk().requestsPerSecond(), ns.wrk().latencies(), ns.cpuMicrosPerRequest(),
                        ns.wrk().errors(), round.ratio(), round.cpuRatio(), loadAverage());
            }
            results.add(rounds);
        }
        System.out.println();
        System.out.println("| target | gateway req/s | nginx req/s | gateway / nginx (range) | gateway p50 / p90 / p99 ms"
                + " | nginx p50 / p90 / p99 ms | CPU µs per request, gateway / nginx | CPU ratio nginx / gateway |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int i = 0; i < targets.size(); i++) {
            List<Round> rounds = results.get(i);
            Round m = rounds.stream().sorted(Comparator.comparingDouble(Round::ratio)).toList().get(rounds.size() / 2);
            double lo = rounds.stream().mapToDouble(Round::ratio).min().orElseThrow();
            double hi = rounds.stream().mapToDouble(Round::ratio).max().orElseThrow();
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3f (%.3f–%.3f) | %s | %s | %,.0f / %,.0f | %.3f |%n",
                    targets.get(i).name(), m.gateway().wrk().requestsPerSecond(), m.nginx().wrk().requestsPerSecond(),
                    m.ratio(), lo, hi, m.gateway().wrk().latencies(), m.nginx().wrk().latencies(),
                    m.gateway().cpuMicrosPerRequest(), m.nginx().cpuMicrosPerRequest(), m.cpuRatio());
        }
        System.out.println("(median round by req/s ratio; the range is over all rounds. CPU: the server's processes"
                + " (the whole bench JVM for the gateway; nginx's master and workers), user + system, during the run)");
    }

    /**
     * JIT warm-up: 5 s wrk runs on the gateway until its CPU time per request stops falling (less
     * than 5% better than the best run before), at least {@code --warmup} seconds, at most 3 minutes.
     */
    private static void warmUp(Wrk wrk, URI uri, Target t, Options o) throws IOException, InterruptedException {
        double last = Double.MAX_VALUE;
        List<String> seen = new ArrayList<>();
        for (int elapsed = 0; elapsed < 180; elapsed += 5) {
            double cpu = side(wrk, uri, t, 5, ProcCpu::self).cpuMicrosPerRequest();
            seen.add(String.format(Locale.ROOT, "%.0f", cpu));
            if (elapsed + 5 >= o.warmup && cpu > 0.95 * last) {
                break;
            }
            last = Math.min(last, cpu);
        }
        System.out.printf(Locale.ROOT, "  %-18s warm-up, gateway CPU µs/req per 5 s run: %s%n", t.name(), String.join(", ", seen));
    }

    private interface CpuClock {
        long nanos() throws IOException;
    }

    private static Side side(Wrk wrk, URI uri, Target t, int seconds, CpuClock cpu) throws IOException, InterruptedException {
        long before = cpu.nanos();
        Wrk.Result r = wrk.run(uri, t.accept(), seconds);
        long used = cpu.nanos() - before;
        return new Side(r, used / 1e3 / Math.max(1, r.requests()));
    }

    /** The body for {@code t}, fetched twice: the page must not change between requests. */
    private static byte[] fetchStable(URI base, Target t) throws IOException, InterruptedException {
        byte[] a = fetch(base, t);
        if (!Arrays.equals(a, fetch(base, t))) {
            throw new IllegalStateException(t.path() + " changes between requests; nginx could not serve the same bytes");
        }
        return a;
    }

    private static byte[] fetch(URI base, Target t) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(t.path()))
                .header("Accept", t.accept()).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(base.resolve(t.path()) + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static String executable(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
        Optional<Path> found = dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
        return found.map(Path::toString).orElseThrow(() -> new IllegalStateException(
                name + " not found on PATH: install it (Debian: apt-get install -y wrk nginx)"));
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Command-line options. */
    private static final class Options {
        int rounds = 3;
        int duration = 10;
        int connections = 64;
        int threads = 2;
        int posts = 50;
        int nginxWorkers = 2;
        int warmup = 30;
        String reader = "node";
        String only = ".*";

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "gateway" -> { }
                    case "--quick" -> {
                        o.rounds = 1;
                        o.duration = 5;
                        o.warmup = 5;
                    }
                    case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
                    case "--duration" -> o.duration = Integer.parseInt(args[++i]);
                    case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
                    case "--connections" -> o.connections = Integer.parseInt(args[++i]);
                    case "--threads" -> o.threads = Integer.parseInt(args[++i]);
                    case "--posts" -> o.posts = Integer.parseInt(args[++i]);
                    case "--nginx-workers" -> o.nginxWorkers = Integer.parseInt(args[++i]);
                    case "--only" -> o.only = args[++i];
                    case "--reader" -> {
                        o.reader = args[++i];
                        if (!o.reader.equals("node") && !o.reader.equals("fixture")) {
                            throw new IllegalArgumentException("--reader node|fixture, not " + o.reader);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.rounds < 1 || o.duration < 1 || o.warmup < 1 || o.connections < 1 || o.threads < 1) {
                throw new IllegalArgumentException("rounds, duration, connections and threads must be positive");
            }
            return o;
        }
    }
}
