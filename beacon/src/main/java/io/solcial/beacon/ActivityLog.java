package io.solcial.beacon;

import io.solcial.node.Node;
import io.solcial.node.NodeEvent;
import io.solcial.node.NodeStatus;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a beacon operator wants in the log: peers joining and leaving, logs replicated, bans with
 * their reason, and once a minute a status line with storage used.
 */
final class ActivityLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.solcial.beacon");

    private final AutoCloseable subscription;
    private final ScheduledExecutorService timer;

    private ActivityLog(AutoCloseable subscription, ScheduledExecutorService timer) {
        this.subscription = subscription;
        this.timer = timer;
    }

    static ActivityLog attach(Node node) {
        AutoCloseable sub = node.onEvent(ActivityLog::log);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "beacon-status");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> status(node.status()), 1, 1, TimeUnit.MINUTES);
        return new ActivityLog(sub, timer);
    }

    private static void log(NodeEvent e) {
        if (e instanceof NodeEvent.Peer p) {
            LOG.info("peer {} {}", p.peer(), p.connected() ? "connected" : "disconnected");
        } else if (e instanceof NodeEvent.EntriesAdded a && !a.own()) {
            LOG.info("replicated {} new entr{} of {}", a.entries().size(), a.entries().size() == 1 ? "y" : "ies",
                    a.author().address());
        } else if (e instanceof NodeEvent.Banned b) {
            LOG.warn("banned {}: {}", b.peer(), b.reason());
        }
    }

    static void status(NodeStatus s) {
        LOG.info("status: {} peers, active view {}, passive view {}, {} authors, {} entries, {} blocks ({} MiB), {} bans",
                s.peers(), s.activeView(), s.passiveView(), s.authors(), s.entries(), s.blocks(),
                s.blockBytes() / (1024 * 1024), s.bans());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("unsubscribing failed", e);
        }
    }
}
