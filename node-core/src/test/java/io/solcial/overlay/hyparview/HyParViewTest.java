package io.solcial.overlay.hyparview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HyParViewTest {
    private static final Duration GAP = Duration.ofMillis(50);

    @Test
    void oneNodeJoinsThroughABootstrap() {
        HyParViewCluster cluster = new HyParViewCluster(1, 2);
        HyParView bootstrap = cluster.addMember();
        HyParView joiner = cluster.addMember();

        joiner.join(bootstrap.self());
        cluster.network.runFor(Duration.ofSeconds(1));

        assertEquals(List.of(bootstrap.self()), List.copyOf(joiner.activeView()));
        assertEquals(List.of(joiner.self()), List.copyOf(bootstrap.activeView()));
        assertEquals(Optional.empty(), joiner.lastRefusal());
    }

    @Test
    void twoHundredNodesJoiningThroughOneBootstrapConverge() {
        HyParViewCluster cluster = new HyParViewCluster(2, 200);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(199, bootstrap, GAP);
        cluster.runShufflePeriods(4);

        int max = bootstrap.activeCapacity();
        assertEquals(8, max, "log2(200)+1");
        for (HyParView node : cluster.nodes.values()) {
            int size = node.activeView().size();
            assertTrue(size >= 1 && size <= max, node.self() + " active view size " + size);
            assertTrue(node.passiveView().size() >= node.passiveCapacity() / 2,
                    "passive view filled: " + node.passiveView().size() + " of " + node.passiveCapacity());
            assertTrue(Collections.disjoint(node.activeView(), node.passiveView()));
            assertFalse(node.activeView().contains(node.self()));
        }
        assertEquals(List.of(), cluster.asymmetricLinks());
        assertTrue(cluster.liveActiveGraphConnected());
        assertNeighborEventsMatchViews(cluster);
    }

    @Test
    void shuffleFillsPassiveViews() {
        HyParViewCluster cluster = new HyParViewCluster(3, 100);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(99, bootstrap, GAP);
        double before = averagePassive(cluster);
        cluster.runShufflePeriods(10);
        double after = averagePassive(cluster);

        int capacity = bootstrap.passiveCapacity();
        assertTrue(after > before, "shuffles grow passive views: " + before + " -> " + after);
        assertTrue(after >= 0.9 * capacity, "average passive view " + after + " of " + capacity);
    }

    @Test
    void survivorsOfHalfTheNodesDyingRepairTheirActiveViews() {
        HyParViewCluster cluster = new HyParViewCluster(4, 200);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(199, bootstrap, GAP);
        cluster.runShufflePeriods(4);

        List<PeerId> ids = new ArrayList<>(cluster.nodes.keySet());
        Collections.shuffle(ids, new Random(4));
        cluster.network.kill(ids.subList(0, 100));
        cluster.runShufflePeriods(3);

        List<HyParView> live = cluster.live();
        assertEquals(100, live.size());
        int capacity = bootstrap.activeCapacity();
        double average = live.stream().mapToInt(v -> v.activeView().size()).average().orElseThrow();
        for (HyParView node : live) {
            assertTrue(node.activeView().size() >= capacity / 2,
                    node.self() + " has " + node.activeView().size() + " of " + capacity);
            for (PeerId p : node.activeView()) {
                assertTrue(cluster.network.host(p).orElseThrow().isAlive(), "dead peer still active");
            }
        }
        System.out.printf("50%% killed: survivors' active views avg %.2f of %d, min %d%n", average, capacity,
                live.stream().mapToInt(v -> v.activeView().size()).min().orElseThrow());
        assertTrue(average >= 0.9 * capacity, "average active view " + average + " of " + capacity);
        assertEquals(List.of(), cluster.asymmetricLinks());
        assertTrue(cluster.liveActiveGraphConnected());
        assertNeighborEventsMatchViews(cluster);
    }

    @Test
    void aNonMemberIsRefusedAtJoinAndNeverEntersAView() {
        HyParViewCluster cluster = new HyParViewCluster(5, 50);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(29, bootstrap, GAP);
        HyParView stranger = cluster.addStranger();

        stranger.join(bootstrap.self());
        cluster.runShufflePeriods(3);

        assertEquals(Optional.of("not a registered member"), stranger.lastRefusal());
        assertTrue(stranger.activeView().isEmpty());
        for (HyParView node : cluster.nodes.values()) {
            if (node != stranger) {
                assertFalse(node.activeView().contains(stranger.self()));
                assertFalse(node.passiveView().contains(stranger.self()));
            }
        }
    }

    @Test
    void aJoinWhileTheChainIsUnreachableIsRefusedButMembersKeepRepairing() {
        HyParViewCluster cluster = new HyParViewCluster(6, 64);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(39, bootstrap, GAP);
        cluster.runShufflePeriods(2);
        PeerId lateId = cluster.newPeerId();
        cluster.oracle.register(lateId.publicKey().orElseThrow());
        HyParView late = cluster.addNode(lateId, Admission.everyone());

        cluster.oracle.goOffline();
        late.join(bootstrap.self());
        List<PeerId> ids = new ArrayList<>(cluster.nodes.keySet());
        ids.remove(late.self());
        ids.remove(bootstrap.self());
        Collections.shuffle(ids, new Random(6));
        cluster.network.kill(ids.subList(0, 10));
        cluster.runShufflePeriods(3);

        assertEquals(Optional.of("chain unreachable"), late.lastRefusal());
        assertTrue(late.activeView().isEmpty());
        for (HyParView node : cluster.live()) {
            assertFalse(node.activeView().contains(late.self()));
            if (node != late) {
                assertFalse(node.activeView().isEmpty(), "a known member kept or repaired its links");
            }
        }
        assertTrue(cluster.live().stream().filter(v -> v != late).allMatch(v -> v.activeView().size() >= 2));
    }

    @Test
    void theContactRefusesAJoinWithChainUnreachableWhenItCannotCheck() {
        HyParViewCluster cluster = new HyParViewCluster(7, 8);
        HyParView bootstrap = cluster.addMember();
        PeerId id = cluster.newPeerId();
        cluster.oracle.register(id.publicKey().orElseThrow());
        HyParView joiner = cluster.addNode(id, Admission.everyone()); // its own view of the chain is fine

        cluster.oracle.goOffline();
        joiner.join(bootstrap.self());
        cluster.network.runFor(Duration.ofSeconds(1));

        assertEquals(Optional.of("chain unreachable"), joiner.lastRefusal());
        assertTrue(bootstrap.activeView().isEmpty());
        assertTrue(joiner.activeView().isEmpty());

        cluster.oracle.recover();
        joiner.join(bootstrap.self());
        cluster.network.runFor(Duration.ofSeconds(1));
        assertEquals(List.of(joiner.self()), List.copyOf(bootstrap.activeView()));
    }

    @Test
    void aJoinerThatCannotCheckItsContactDoesNotJoin() {
        HyParViewCluster cluster = new HyParViewCluster(13, 8);
        HyParView bootstrap = cluster.addMember();
        HyParView joiner = cluster.addMember();

        cluster.oracle.goOffline();
        joiner.join(bootstrap.self());
        cluster.network.runFor(Duration.ofSeconds(1));

        assertEquals(Optional.of("contact " + bootstrap.self() + " is not admitted: chain unreachable"),
                joiner.lastRefusal());
        assertTrue(bootstrap.activeView().isEmpty());
    }

    @Test
    void aBannedPeerIsDroppedAndNeverReAdded() {
        HyParViewCluster cluster = new HyParViewCluster(8, 32);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(19, bootstrap, GAP);
        cluster.runShufflePeriods(2);
        PeerId villain = bootstrap.activeView().iterator().next();

        bootstrap.ban(villain);
        for (int round = 0; round < 10; round++) {
            cluster.runShufflePeriods(1);
            assertFalse(bootstrap.activeView().contains(villain));
            assertFalse(bootstrap.passiveView().contains(villain));
        }
        cluster.nodes.get(villain).join(bootstrap.self());
        cluster.network.runFor(Duration.ofSeconds(1));

        assertFalse(bootstrap.activeView().contains(villain));
        assertFalse(cluster.nodes.get(villain).activeView().contains(bootstrap.self()));
        assertEquals(Optional.of("banned"), cluster.nodes.get(villain).lastRefusal());
    }

    @Test
    void aForgedForwardJoinCannotIntroduceANonMemberIntoActiveViews() {
        HyParViewCluster cluster = new HyParViewCluster(9, 16);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(9, bootstrap, GAP);
        HyParView stranger = cluster.addStranger();
        HyParView liar = cluster.nodes.values().stream().skip(3).findFirst().orElseThrow();

        for (PeerId p : liar.activeView()) {
            cluster.nodes.get(p).onMessage(liar.self(),
                    new HyParViewMessage.ForwardJoin(liar.topic(), stranger.self(), 0));
        }
        cluster.runShufflePeriods(3);

        for (HyParView node : cluster.nodes.values()) {
            assertFalse(node.activeView().contains(stranger.self()));
        }
        assertTrue(stranger.activeView().isEmpty());
    }

    @Test
    void neighborEventsMatchActiveViewChangesUnderChurn() {
        HyParViewCluster cluster = new HyParViewCluster(10, 100);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(99, bootstrap, GAP);
        List<PeerId> ids = new ArrayList<>(cluster.nodes.keySet());
        Collections.shuffle(ids, new Random(10));
        for (int i = 0; i < 5; i++) {
            cluster.network.kill(ids.subList(i * 10, i * 10 + 10));
            cluster.joinMembers(5, bootstrap, GAP);
            cluster.runShufflePeriods(1);
            assertNeighborEventsMatchViews(cluster);
        }
        cluster.live().get(7).stop();
        assertNeighborEventsMatchViews(cluster);
    }

    @Test
    void activeViewFollowsTheNetworkSize() {
        HyParViewCluster cluster = new HyParViewCluster(11, 1000);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(39, bootstrap, GAP);
        cluster.runShufflePeriods(2);
        assertEquals(10, bootstrap.activeCapacity());

        for (HyParView node : cluster.nodes.values()) {
            node.setNetworkSize(4);
        }
        cluster.runShufflePeriods(2);

        for (HyParView node : cluster.nodes.values()) {
            assertEquals(3, node.activeCapacity(), "floor of the active view");
            assertTrue(node.activeView().size() <= 3);
            assertTrue(node.passiveView().size() <= 18);
        }
        assertEquals(List.of(), cluster.asymmetricLinks());
        assertNeighborEventsMatchViews(cluster);
    }

    @Test
    void runsRepeatExactlyWithTheSameSeed() {
        assertEquals(fingerprint(12), fingerprint(12));
    }

    private static String fingerprint(long seed) {
        HyParViewCluster cluster = new HyParViewCluster(seed, 100);
        HyParView bootstrap = cluster.addMember();
        cluster.joinMembers(59, bootstrap, GAP);
        cluster.runShufflePeriods(3);
        StringBuilder out = new StringBuilder();
        cluster.nodes.values().forEach(v -> out.append(v.activeView()).append(v.passiveView()));
        return out.append(cluster.network.messagesSent()).toString();
    }

    private static double averagePassive(HyParViewCluster cluster) {
        return cluster.live().stream().mapToInt(v -> v.passiveView().size()).average().orElseThrow();
    }

    private static void assertNeighborEventsMatchViews(HyParViewCluster cluster) {
        cluster.nodes.forEach((id, view) -> {
            RecordingNeighborListener listener = cluster.listeners.get(id);
            assertEquals(List.of(), listener.violations, "events of " + id);
            assertEquals(view.activeView(), listener.up, "neighbor events replay to the active view of " + id);
        });
    }
}
