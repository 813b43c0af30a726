package io.solcial.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A byte-count progress bar on stderr when a person is watching (a terminal), and nothing
 * otherwise, so scripts and logs get only the result line.
 */
final class TerminalProgress implements AutoCloseable {
    private final ProgressBar bar;
    private boolean closed;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** {@code total} in bytes, or -1 while unknown. */
    static TerminalProgress start(String task, long total) {
        if (System.console() == null) {
            return new TerminalProgress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1 << 20).showSpeed()
                .continuousUpdate().build();
        return new TerminalProgress(bar);
    }

    void maxHint(long total) {
        if (bar != null) {
            bar.maxHint(total);
        }
    }

    void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Finishes the bar; safe to call more than once. */
    @Override
    public void close() {
        if (bar != null && !closed) {
            closed = true;
            bar.close();
        }
    }
}
