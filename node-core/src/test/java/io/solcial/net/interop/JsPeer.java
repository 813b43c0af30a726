package io.solcial.net.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A js-libp2p 3 peer ({@code interop/libp2p-peer.mjs}) running in a child process, for interop
 * tests and js-to-js reference figures. See the script's header for the options and the lines it
 * prints. Stdout lines are collected as they arrive; stderr is kept for failure messages.
 * {@link #close()} closes the child's stdin (the script exits on EOF), then destroys it and its
 * descendants if it lingers.
 *
 * <pre>{@code
 * try (JsPeer a = JsPeer.start("--echo")) {
 *     ... dial a.listenAddr() from Java ...
 *     a.awaitLine(l -> l.startsWith("identify: "), Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class JsPeer implements AutoCloseable {
    public static final String SCRIPT = "libp2p-peer.mjs";
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(3);

    private final Process process;
    private final List<String> command;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stdoutPump;
    private final Thread stderrPump;
    private final List<String> listenAddrs;
    private final String peerId;

    private JsPeer(List<String> command, Duration startTimeout) throws IOException {
        this.command = List.copyOf(command);
        this.process = new ProcessBuilder(command).directory(JsHarness.interopDir().toFile()).start();
        this.stdoutPump = pump(process.getInputStream(), "stdout", this::addLine);
        this.stderrPump = pump(process.getErrorStream(), "stderr", this::addStderr);
        try {
            // The script prints its listening lines, then `peer:`; with `--listen none` only `peer:`.
            this.peerId = field(awaitLine(l -> l.startsWith("peer: "), startTimeout));
            this.listenAddrs = lines().stream().filter(l -> l.startsWith("listening: ")).map(JsPeer::field).toList();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts the peer with the script's options, waiting up to {@link #START_TIMEOUT}. */
    public static JsPeer start(String... options) throws IOException {
        return start(List.of(options), START_TIMEOUT);
    }

    /**
     * Starts the peer with the given options. Without an interop install it ends the test the way
     * {@link JsHarness#requireNode()} does (fails under CI=true, skips elsewhere).
     */
    public static JsPeer start(List<String> options, Duration startTimeout) throws IOException {
        return startScript(SCRIPT, options, startTimeout);
    }

    /**
     * Starts another peer script of {@code interop/} that prints the same {@code listening:} and
     * {@code peer:} lines (for example {@code helia-peer.mjs}).
     */
    public static JsPeer startScript(String script, List<String> options, Duration startTimeout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(JsHarness.requireNode().toString());
        command.add(JsHarness.script(script).toString());
        command.addAll(options);
        return new JsPeer(command, startTimeout);
    }

    /** The peer's id, as printed ({@code 12D3KooW...}). */
    public String peerId() {
        return peerId;
    }

    /** The first listen address with {@code /p2p/<peerId>}; empty with {@code --listen none}. */
    public String listenAddr() {
        return listenAddrs.isEmpty() ? "" : listenAddrs.get(0);
    }

    /** Every listen address, each with {@code /p2p/<peerId>}. */
    public List<String> listenAddrs() {
        return listenAddrs;
    }

    /** Every stdout line so far, in order. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Stdout lines so far that start with {@code prefix}. */
    public List<String> linesStartingWith(String prefix) {
        return lines().stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /** Everything the process wrote to stderr so far. */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Returns the first stdout line (already printed or still to come) matching {@code match}.
     * Throws an {@link AssertionError} carrying the output and stderr if none arrives within
     * {@code timeout} or the process ends first.
     */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw failure("no matching line within " + timeout);
                }
                if (!stdoutPump.isAlive()) {
                    throw failure("process ended (exit " + exitCode() + ") without a matching line");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted");
                }
            }
        }
    }

    /** Waits for the first line starting with {@code prefix} and returns the text after it. */
    public String awaitValue(String prefix, Duration timeout) {
        return awaitLine(l -> l.startsWith(prefix), timeout).substring(prefix.length()).trim();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            stdoutPump.join(EXIT_GRACE.toMillis());
            stderrPump.join(EXIT_GRACE.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "JsPeer[" + peerId + " " + listenAddrs + "]";
    }

    private AssertionError failure(String why) {
        return new AssertionError("js peer " + why + "\ncommand: " + String.join(" ", command)
                + "\nstdout:\n" + String.join("\n", lines()) + "\nstderr:\n" + stderr());
    }

    private String exitCode() {
        return process.isAlive() ? "pending" : String.valueOf(process.exitValue());
    }

    private void addLine(String line) {
        synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
        }
    }

    private void addStderr(String line) {
        synchronized (stderr) {
            stderr.append(line).append('\n');
        }
    }

    private void pumpEnded() {
        synchronized (lines) {
            lines.notifyAll();
        }
    }

    private Thread pump(InputStream in, String name, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process went away; what was read is kept
            } finally {
                pumpEnded();
            }
        }, "js-peer-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String field(String line) {
        return line.substring(line.indexOf(' ') + 1).trim();
    }
}
