package io.solcial.beacon.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code wrk} HTTP load generator and parses its report. */
final class Wrk {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

    /** One run: requests per second, latency percentiles in ms, failed requests. */
    record Result(double requestsPerSecond, double p50, double p90, double p99, long requests, long errors) {
        String latencies() {
            return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", p50, p90, p99);
        }
    }

    private final String executable;
    private final int threads;
    private final int connections;

    Wrk(String executable, int threads, int connections) {
        this.executable = executable;
        this.threads = threads;
        this.connections = connections;
    }

    Result run(URI uri, String accept, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable, "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-H", "Accept: " + accept, uri.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("wrk failed on " + uri + ":\n" + out);
        }
        return parse(out);
    }

    static Result parse(String out) throws IOException {
        Matcher rps = RPS.matcher(out);
        Matcher total = TOTAL.matcher(out);
        if (!rps.find() || !total.find()) {
            throw new IOException("unexpected wrk output:\n" + out);
        }
        double[] pct = new double[3];
        Matcher m = PERCENTILE.matcher(out);
        int found = 0;
        while (m.find()) {
            int i = switch (m.group(1)) {
                case "50" -> 0;
                case "90" -> 1;
                default -> 2;
            };
            pct[i] = millis(Double.parseDouble(m.group(2)), m.group(3));
            found++;
        }
        if (found != 3) {
            throw new IOException("no latency distribution in wrk output:\n" + out);
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Result(Double.parseDouble(rps.group(1)), pct[0], pct[1], pct[2], Long.parseLong(total.group(1)), errors);
    }

    private static double millis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
