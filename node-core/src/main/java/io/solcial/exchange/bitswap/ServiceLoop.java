package io.solcial.exchange.bitswap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread all of a {@link Bitswap} service's protocol state lives on. Tasks submitted after
 * {@link #close} are dropped; a task that throws is logged and does not stop the loop.
 */
final class ServiceLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLoop.class);

    private final ScheduledExecutorService executor;
    private volatile boolean closed;

    ServiceLoop(String threadName) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on the loop (dropped once closed). */
    void run(Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("bitswap task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** The loop as an executor for {@code *Async} continuations. */
    Executor executor() {
        return executor;
    }

    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return executor.schedule(task, delay, unit);
    }

    /** Runs {@code last} on the loop (waiting at most 2 s for it), then stops the thread. */
    void close(Runnable last) {
        if (closed) {
            return;
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        run(() -> {
            try {
                last.run();
            } finally {
                drained.complete(null);
            }
        });
        closed = true;
        drained.completeOnTimeout(null, 2, TimeUnit.SECONDS).join();
        executor.shutdownNow();
    }

    boolean isClosed() {
        return closed;
    }
}
