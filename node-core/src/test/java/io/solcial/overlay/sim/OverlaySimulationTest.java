package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.overlay.sim.OverlaySimulation.Config;
import io.solcial.overlay.sim.OverlaySimulation.MessageStats;
import io.solcial.overlay.sim.OverlaySimulation.Result;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The issue-4 goals on 1,000 nodes (the 10,000- and 100,000-node runs are benchmarks, with figures
 * in docs/benchmarks.md).
 */
class OverlaySimulationTest {
    private static final int N = 1_000;
    private static final long ROUND_MILLIS = 15_000;

    private static Result run(double fail, int messages, long seed) {
        return run(Config.of(N, fail, messages, 0, seed));
    }

    private static Result run(Config config) {
        long start = System.nanoTime();
        Result r = OverlaySimulation.run(config);
        double fail = config.failFraction();
        int messages = config.messages();
        System.out.printf(Locale.ROOT, "%d nodes fail=%.2f messages=%d: %s, flooding LDH %.2f, BFS depth %.2f,"
                        + " component heal %d, in-degree %s -> %s, %.1f s wall, %d events%n", N, fail, messages,
                r.summaryLine(), r.floodingLdh(), r.bfsDepth(), r.componentHealRounds(), r.inDegreeStable(), r.inDegreeEnd(),
                (System.nanoTime() - start) / 1e9, r.eventsProcessed());
        return r;
    }

    @Test
    void stableNetworkReachesEveryNodeWithATreeOfLowRedundancy() {
        Result r = run(0, 100, 1);
        assertEquals(100, r.messages().size());
        for (MessageStats s : r.messages()) {
            assertEquals(1.0, s.reliability(), s.toString());
        }
        assertTrue(r.messages().get(0).rmr() > 1, "the first broadcast floods the fresh eager links");
        List<MessageStats> afterTree = r.messages().subList(5, 100);
        double worstRmr = afterTree.stream().mapToDouble(MessageStats::rmr).max().orElseThrow();
        assertTrue(worstRmr <= 0.05, "RMR after the tree formed: " + worstRmr);
        double ldh = afterTree.stream().mapToDouble(MessageStats::ldh).average().orElseThrow();
        double flooding = afterTree.stream().mapToDouble(MessageStats::floodingLdh).average().orElseThrow();
        double bfs = afterTree.stream().mapToDouble(MessageStats::bfsDepth).average().orElseThrow();
        // the goal: LDH ≤ flooding + 2, flooding being a flood of the same broadcasts under the
        // same latencies (FloodShadow; it matches the overlay's first broadcast, a real flood). The BFS
        // depth is a lower bound nothing reaches.
        assertTrue(ldh <= flooding + 2, "LDH " + ldh + " vs flooding " + flooding);
        assertTrue(flooding > bfs, "flooding " + flooding + " vs BFS depth " + bfs);
        assertEquals(1.0, r.reliability());
        assertEquals(0, r.healRounds());
        assertTrue(r.inDegreeStable().min() >= 1 && r.inDegreeStable().max() <= 11, r.inDegreeStable().toString());
    }

    @Test
    void broadcastsCloserThanTheirIHavesStillKeepALowRedundancyTree() {
        // 0.7 s apart, each broadcast is still spreading while the IHAVEs of the previous one arrive and
        // re-parent nodes; a link a node just grafted must survive the copies still in flight
        // (Plumtree#graftedLately): without that, RMR was 0.45 and LDH 23 here
        Result r = run(Config.of(N, 0, 100, 0, 1).withMessageInterval(Duration.ofMillis(700)));
        List<MessageStats> afterTree = r.messages().subList(5, 100);
        for (MessageStats s : afterTree) {
            assertEquals(1.0, s.reliability(), s.toString());
        }
        double rmr = afterTree.stream().mapToDouble(MessageStats::rmr).average().orElseThrow();
        assertTrue(rmr <= 0.05, "mean RMR after the tree formed: " + rmr);
    }

    @Test
    void halfTheNodesKilledAtOnceHealWithinTwoRounds() {
        Result r = run(0.5, 80, 2);
        assertEquals(N / 2, r.killed());
        assertTrue(r.healRounds() >= 1 && r.healRounds() <= 2, "heal rounds " + r.healRounds());
        assertEverySurvivorReachedAfter(r, 2, false);
        assertEquals(1.0, r.reliability());
    }

    @Test
    void eightyPercentKilledReachTheSurvivingComponentWithinFourRounds() {
        Result r = run(0.8, 160, 3);
        assertEquals(800, r.killed());
        assertTrue(r.componentHealRounds() >= 1 && r.componentHealRounds() <= 4,
                "component heal rounds " + r.componentHealRounds());
        assertEverySurvivorReachedAfter(r, 4, true);
    }

    @Test
    void theFloodingBaselineMatchesARealFlood() {
        // every link of a fresh overlay starts eager, so its first broadcast is a real flood
        int seeds = 6;
        double real = 0;
        double shadow = 0;
        double bfs = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            MessageStats first = OverlaySimulation.run(Config.of(300, 0, 1, 0, seed)).messages().get(0);
            assertTrue(first.rmr() > 3, "a flood: " + first);
            real += first.ldh();
            shadow += first.floodingLdh();
            bfs += first.bfsDepth();
        }
        assertEquals(real / seeds, shadow / seeds, 1.0, "real flood vs the shadow's LDH");
        assertTrue(shadow > bfs + seeds, "under 5-50 ms latencies a flood takes more hops than the BFS depth");
    }

    @Test
    void sameSeedSameRun() {
        Config config = Config.of(200, 0.3, 20, 0.05, 7);
        Result a = OverlaySimulation.run(config);
        Result b = OverlaySimulation.run(config);
        assertEquals(a.messages(), b.messages());
        assertEquals(a.eventsProcessed(), b.eventsProcessed());
        assertTrue(a.churned() > 0, "churn replaced nodes");
    }

    @Test
    void askingTheSharedLatestMessagesBeforeDeliveringChangesNothing() {
        // failure, churn and broadcasts closer than the IHAVE interval: IHAVEs of every kind
        Config config = Config.of(300, 0.5, 60, 0.05, 3).withMessageInterval(Duration.ofMillis(400));
        OverlaySimulation.Run with = OverlaySimulation.run(config, true);
        OverlaySimulation.Run without = OverlaySimulation.run(config, false);
        assertEquals(without.result(), with.result());
        assertEquals(0, without.absorbed());
        // the shortcut took part (1,902 IHAVEs in this run; the nodes' own handling of IHAVEs is what ran
        // without it, so equal results mean the table absorbs nothing a node would act on)
        assertTrue(with.absorbed() > 1_000, with.absorbed() + " IHAVEs absorbed");
        // and deferred some: their senders were taken out of the IHAVEs waiting by the nodes themselves
        assertTrue(with.deferred() > 1_000, with.deferred() + " IHAVEs deferred");
        assertTrue(with.deferred() < with.absorbed());
        assertEquals(0, without.deferred());
    }

    /** Every message broadcast {@code rounds} membership rounds or more after the failure reached all. */
    private static void assertEverySurvivorReachedAfter(Result r, int rounds, boolean component) {
        long from = r.failedAtMillis() + rounds * ROUND_MILLIS;
        List<MessageStats> late = r.messages().stream().filter(s -> s.sentAtMillis() >= from).toList();
        assertTrue(late.size() >= 10, "enough messages after the healing window");
        for (MessageStats s : late) {
            assertEquals(1.0, component ? s.componentReliability() : s.reliability(), s.toString());
        }
    }
}
