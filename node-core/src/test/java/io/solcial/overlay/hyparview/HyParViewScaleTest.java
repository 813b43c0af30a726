package io.solcial.overlay.hyparview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Performance sanity: a 10,000-node overlay forms in the simulator in seconds of wall time. */
class HyParViewScaleTest {

    @Test
    void tenThousandNodesJoinInSeconds() {
        int n = 10_000;
        long start = System.nanoTime();
        HyParViewCluster cluster = new HyParViewCluster(42, n);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(n - 1, bootstrap, Duration.ofMillis(10));
        cluster.runShufflePeriods(2);
        double seconds = (System.nanoTime() - start) / 1e9;

        int capacity = bootstrap.activeCapacity();
        double average = cluster.nodes.values().stream().mapToInt(v -> v.activeView().size()).average().orElseThrow();
        System.out.printf("%d nodes joined + 2 shuffle periods: %.1f s wall, %d messages, %d events, "
                        + "active avg %.2f of %d, virtual %d s%n", n, seconds, cluster.network.messagesSent(),
                cluster.network.eventsProcessed(), average, capacity, cluster.network.nowMillis() / 1000);
        assertEquals(14, capacity, "log2(10000)+1");
        assertTrue(cluster.nodes.values().stream().allMatch(v -> !v.activeView().isEmpty()));
        assertEquals(List.of(), cluster.asymmetricLinks());
        assertTrue(cluster.liveActiveGraphConnected());
        assertTrue(seconds < 60, "took " + seconds + " s");
    }
}
