package io.solcial.cli;

import io.solcial.overlay.sim.OverlaySimulation;
import io.solcial.overlay.sim.OverlaySimulation.Config;
import io.solcial.overlay.sim.OverlaySimulation.MessageStats;
import io.solcial.overlay.sim.OverlaySimulation.Result;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code solcial sim --nodes N --fail F --messages M [--churn R] --seed S [--plot FILE.png]}: runs
 * HyParView + Plumtree on N simulated nodes (virtual time, deterministic for a seed), prints a
 * table and, as its last line, {@code reliability=<r> rmr=<x> ldh=<h> heal_rounds=<k>}.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Simulate the overlay (HyParView + Plumtree) on N nodes in virtual time.",
                "Nodes join through one bootstrap, the overlay stabilises for 3 shuffle periods (membership rounds,"
                        + " 15 s), then M messages are broadcast from random live nodes. --fail kills that fraction"
                        + " of the nodes at once right before message M/2; --churn replaces that fraction of the"
                        + " live nodes per membership round.",
                "The last line is reliability=<r> rmr=<x> ldh=<h> heal_rounds=<k>: r and the others averaged over"
                        + " the last 10%% of the messages; heal_rounds from the failure to the first broadcast"
                        + " reaching >= 99.9%% of the live nodes (0 without failure, -1 if none did)."})
final class SimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1000", description = "Nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--fail", paramLabel = "F", defaultValue = "0",
            description = "Fraction of the nodes killed at once before message M/2, 0 <= F < 1 (default: ${DEFAULT-VALUE}).")
    double fail;

    @Option(names = "--messages", paramLabel = "M", defaultValue = "100",
            description = "Broadcasts (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--churn", paramLabel = "R", defaultValue = "0",
            description = "Fraction of the live nodes leaving (crash) and as many joining per membership round"
                    + " (default: ${DEFAULT-VALUE}).")
    double churn;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interval", paramLabel = "MILLIS", defaultValue = "1000",
            description = "Virtual time between two broadcasts (default: ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Option(names = "--join-gap", paramLabel = "MILLIS", defaultValue = "10",
            description = "Virtual time between two joins (default: ${DEFAULT-VALUE}; much less at 100,000 nodes leaves a"
                    + " path-like overlay: joins pile up on the bootstrap).")
    long joinGapMillis;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw reliability per message to this PNG.")
    Path plot;

    /** Longest --interval or --join-gap: the simulator steps through virtual time a millisecond bucket at a time. */
    static final long MAX_GAP_MILLIS = 60_000;

    private static boolean inRange(long millis) {
        return millis >= 1 && millis <= MAX_GAP_MILLIS;
    }

    @Override
    public Integer call() throws Exception {
        if (nodes < 2 || messages < 1 || fail < 0 || fail >= 1 || churn < 0 || churn >= 1
                || !inRange(intervalMillis) || !inRange(joinGapMillis)) {
            throw new ParameterException(spec.commandLine(), "--nodes must be at least 2, --messages at least 1,"
                    + " --fail and --churn in [0, 1), --interval and --join-gap from 1 to " + MAX_GAP_MILLIS + " ms");
        }
        Config config = Config.of(nodes, fail, messages, churn, seed)
                .withMessageInterval(Duration.ofMillis(intervalMillis))
                .withJoinGap(Duration.ofMillis(joinGapMillis));
        long start = System.nanoTime();
        Result r = OverlaySimulation.run(config);
        double wall = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        printTable(out, r, wall);
        if (plot != null) {
            writePlot(r, plot);
            out.println("plot: " + plot);
        }
        out.println(r.summaryLine());
        out.flush();
        return 0;
    }

    private static void printTable(PrintWriter out, Result r, double wall) {
        Config c = r.config();
        List<MessageStats> all = r.messages();
        int failAt = c.failAtMessage();
        out.println(f("overlay simulation: %d nodes joining %d ms apart, %d messages every %d ms, fail %.2f%s,"
                        + " churn %.3f/round, seed %d",
                c.nodes(), c.joinGap().toMillis(), c.messages(), c.messageInterval().toMillis(), c.failFraction(),
                failAt >= 0 ? " before message " + failAt : "", c.churn(), c.seed()));
        out.println(f("run: %.1f s wall, %d s virtual, %d events, %d messages sent, %d live nodes at the end%s",
                wall, r.virtualMillis() / 1000, r.eventsProcessed(), r.messagesSent(), r.liveAtEnd(),
                r.churned() > 0 ? ", " + r.churned() + " replaced by churn" : ""));
        out.println();
        out.println(f("%-26s %8s %12s %12s %9s %8s %9s %9s", "phase", "messages", "reliability", "min reliab.", "RMR",
                "LDH", "flood LDH", "BFS depth"));
        int warm = Math.min(5, all.size());
        row(out, "first " + warm + " (tree forming)", all.subList(0, warm));
        int stableEnd = failAt >= 0 ? failAt : all.size();
        if (stableEnd > warm) {
            row(out, failAt >= 0 ? "stable, before failure" : "stable", all.subList(warm, stableEnd));
        }
        if (failAt >= 0) {
            row(out, "after failure", all.subList(failAt, all.size()));
        }
        row(out, "last 10%", r.tail());
        out.println();
        out.println("active-view in-degree: stable " + r.inDegreeStable() + ", end " + r.inDegreeEnd());
        if (failAt >= 0) {
            out.println(f("failure: %d of %d nodes killed at t=%.1f s; heal_rounds %s (>= 99.9%% of live nodes),"
                            + " %s (>= 99.9%% of the source's surviving component); 1 round = %d s",
                    r.killed(), c.nodes(), r.failedAtMillis() / 1000.0, rounds(r.healRounds()),
                    rounds(r.componentHealRounds()), c.hyParView().shuffleInterval().toSeconds()));
            out.println();
            out.println("reliability per message after the failure (the first 20, then every 25th; links± ="
                    + " active-view changes since the previous message):");
            out.println(f("%6s %8s %7s %12s %10s %8s %5s %6s %5s %8s", "msg", "t(s)", "live", "reliability", "component",
                    "RMR", "LDH", "flood", "BFS", "links±"));
            for (int i = failAt; i < all.size(); i++) {
                if (i - failAt < 20 || (i - failAt) % 25 == 0 || i == all.size() - 1) {
                    MessageStats s = all.get(i);
                    out.println(f("%6d %8.1f %7d %12.4f %10.4f %8.3f %5d %6d %5d %8d", s.index(),
                            (s.sentAtMillis() - r.failedAtMillis()) / 1000.0, s.liveNodes(), s.reliability(),
                            s.componentReliability(), s.rmr(), s.ldh(), s.floodingLdh(), s.bfsDepth(), s.viewChanges()));
                }
            }
        }
        out.println();
    }

    private static String rounds(int rounds) {
        return rounds < 0 ? "never (not healed)" : Integer.toString(rounds);
    }

    private static void row(PrintWriter out, String name, List<MessageStats> stats) {
        out.println(f("%-26s %8d %12.4f %12.4f %9.4f %8.2f %9.2f %9.2f", name, stats.size(),
                mean(stats, MessageStats::reliability),
                stats.stream().mapToDouble(MessageStats::reliability).min().orElse(0),
                mean(stats, MessageStats::rmr), mean(stats, MessageStats::ldh), mean(stats, MessageStats::floodingLdh),
                mean(stats, MessageStats::bfsDepth)));
    }

    private static double mean(List<MessageStats> stats, ToDoubleFunction<MessageStats> f) {
        return stats.stream().mapToDouble(f).average().orElse(0);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Reliability (and component reliability) over message index, failure marked. */
    static void writePlot(Result r, Path file) throws CliFailure {
        System.setProperty("java.awt.headless", "true");
        int width = 1000;
        int height = 560;
        int left = 80;
        int right = 30;
        int top = 50;
        int bottom = 95;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            List<MessageStats> all = r.messages();
            double minR = all.stream().mapToDouble(s -> Math.min(s.reliability(), s.componentReliability())).min()
                    .orElse(0);
            double yMin = Math.max(0, Math.floor(Math.min(minR, 0.95) * 10) / 10);
            int plotW = width - left - right;
            int plotH = height - top - bottom;
            int n = Math.max(1, all.size() - 1);
            Config c = r.config();
            // title
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(f("Reliability per message: %d nodes, fail %.2f, churn %.3f, seed %d", c.nodes(),
                    c.failFraction(), c.churn(), c.seed()), left, 30);
            // grid and y axis labels
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int steps = 5;
            for (int i = 0; i <= steps; i++) {
                double v = yMin + (1 - yMin) * i / steps;
                int y = top + plotH - (int) Math.round((v - yMin) / (1 - yMin) * plotH);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(left, y, left + plotW, y);
                g.setColor(Color.BLACK);
                g.drawString(f("%.2f", v), left - 40, y + 4);
            }
            int step = niceStep(n);
            for (int idx = 0; idx <= n; idx += step) {
                int x = left + (int) Math.round((double) idx / n * plotW);
                g.setColor(Color.BLACK);
                g.drawLine(x, top + plotH, x, top + plotH + 5);
                String label = Integer.toString(idx);
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, top + plotH + 20);
            }
            g.drawLine(left, top, left, top + plotH);
            g.drawLine(left, top + plotH, left + plotW, top + plotH);
            g.drawString("message index", left + plotW / 2 - 40, top + plotH + 40);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString("fraction of live nodes reached", -(top + plotH / 2 + 90), 20);
            rotated.dispose();
            // failure marker
            if (c.failAtMessage() >= 0) {
                int x = left + (int) Math.round((double) c.failAtMessage() / n * plotW);
                g.setColor(Color.RED);
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
                g.drawLine(x, top, x, top + plotH);
                g.drawString(f("%.0f%% killed (heal_rounds=%d)", c.failFraction() * 100, r.healRounds()), x + 6, top + 15);
            }
            // series
            g.setStroke(new BasicStroke(1.8f));
            drawSeries(g, all, MessageStats::componentReliability, new Color(0, 160, 80), left, top, plotW, plotH, n, yMin);
            drawSeries(g, all, MessageStats::reliability, new Color(20, 70, 200), left, top, plotW, plotH, n, yMin);
            // legend
            g.setStroke(new BasicStroke(3f));
            int ly = height - 20;
            g.setColor(new Color(20, 70, 200));
            g.drawLine(left + plotW - 420, ly, left + plotW - 395, ly);
            g.setColor(new Color(0, 160, 80));
            g.drawLine(left + plotW - 210, ly, left + plotW - 185, ly);
            g.setColor(Color.BLACK);
            g.drawString("reliability (live nodes)", left + plotW - 390, ly + 4);
            g.drawString("source's live component", left + plotW - 180, ly + 4);
        } finally {
            g.dispose();
        }
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new CliFailure("no PNG writer available");
            }
        } catch (IOException e) {
            throw new CliFailure("writing " + file + ": " + e.getMessage());
        }
    }

    /** A tick step of 1, 2 or 5 times a power of ten giving at most about 10 ticks. */
    private static int niceStep(int n) {
        int step = 1;
        while (n / step > 10) {
            if (n / (step * 2) <= 10) {
                return step * 2;
            }
            if (n / (step * 5) <= 10) {
                return step * 5;
            }
            step *= 10;
        }
        return step;
    }

    private static void drawSeries(Graphics2D g, List<MessageStats> all, ToDoubleFunction<MessageStats> value,
            Color color, int left, int top, int plotW, int plotH, int n, double yMin) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < all.size(); i++) {
            double x = left + (double) i / n * plotW;
            double v = Math.max(yMin, value.applyAsDouble(all.get(i)));
            double y = top + plotH - (v - yMin) / (1 - yMin) * plotH;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        g.setColor(color);
        g.draw(path);
    }
}
