package io.solcial.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the node-core JMH benchmarks and prints a summary with derived figures (MB/s for benchmarks
 * with a {@code size} parameter, and ratios between benchmarks measured in the same run).
 *
 * <p>Arguments: optional regexes selecting benchmarks (default: all), and {@code --quick} for a
 * short smoke run; or {@code net [--quick]} for {@link NetBenchMain}'s network figures, or
 * {@code bitswap [--quick]} for {@link BitswapBenchMain}'s 64 MiB transfer figures. Single-threaded: figures are per core.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("net")) {
            // Not JMH: network figures need their own processes, sockets and timing (see NetBenchMain).
            NetBenchMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("sync")) {
            SyncBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bitswap")) {
            // Not JMH either: two hosts (and two Helia processes) transferring a 64 MiB file.
            BitswapBenchMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        boolean quick = false;
        List<String> includes = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                includes.add(a);
            }
        }
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .timeUnit(TimeUnit.SECONDS)
                .jvmArgsAppend("-Xms1g", "-Xmx1g");
        if (includes.isEmpty()) {
            opts.include("io\\.solcial\\.(bench|overlay\\.sim)\\..*Benchmark.*");
        } else {
            includes.forEach(opts::include);
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        printSummary(results);
    }

    private static void printSummary(Collection<RunResult> results) {
        System.out.println();
        System.out.println("== Summary (one thread; per core)");
        for (RunResult r : results) {
            String name = label(r);
            double score = r.getPrimaryResult().getScore();
            double err = r.getPrimaryResult().getScoreError();
            String unit = r.getPrimaryResult().getScoreUnit();
            String line = String.format(Locale.ROOT, "%-60s %14.1f ± %-10.1f %s", name, score, err, unit);
            Optional<Long> size = param(r, "size").map(Long::parseLong);
            if (size.isPresent() && unit.equals("ops/s")) {
                line += String.format(Locale.ROOT, "   = %.1f MB/s", score * size.get() / 1e6);
            }
            System.out.println(line);
        }
        ratio(results, "Ed25519Benchmark.verifyJdk", "Ed25519Benchmark.verifyBouncyCastle",
                "Ed25519 verify: BouncyCastle / JDK");
        ratio(results, "Ed25519Benchmark.signJdk", "Ed25519Benchmark.signBouncyCastle",
                "Ed25519 sign:   BouncyCastle / JDK");
        ratio(results, "BlockstoreBenchmark.putFilesBaseline", "BlockstoreBenchmark.putH2",
                "Blockstore put: H2 / one file per block");
        ratio(results, "BlockstoreBenchmark.getFilesBaseline", "BlockstoreBenchmark.getH2",
                "Blockstore get: H2 / one file per block");
        ratio(results, "LogBenchmark.decodeOnly", "LogBenchmark.validateEntry",
                "Log: validate / decode-only");
        ratio(results, "FloodQueueBenchmark.binaryHeap", "FloodQueueBenchmark.radixHeap",
                "Flood queue (floods/s): radix / binary heap");
    }

    private static void ratio(Collection<RunResult> results, String baseline, String subject, String title) {
        Optional<Double> b = score(results, baseline);
        Optional<Double> s = score(results, subject);
        if (b.isPresent() && s.isPresent()) {
            System.out.printf(Locale.ROOT, "%-60s %14.2fx%n", title, s.get() / b.get());
        }
    }

    private static Optional<Double> score(Collection<RunResult> results, String suffix) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith(suffix))
                .map(r -> r.getPrimaryResult().getScore()).findFirst();
    }

    private static Optional<String> param(RunResult r, String key) {
        return Optional.ofNullable(r.getParams().getParam(key));
    }

    private static String label(RunResult r) {
        String bench = r.getParams().getBenchmark();
        String shortName = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
        StringBuilder sb = new StringBuilder(shortName);
        for (String k : r.getParams().getParamsKeys()) {
            sb.append(' ').append(k).append('=').append(r.getParams().getParam(k));
        }
        return sb.toString();
    }
}
