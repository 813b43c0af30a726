package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.overlay.Cancellable;
import io.solcial.overlay.OverlayEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest {

    private static PeerId peer(int n) {
        byte[] raw = new byte[32];
        raw[0] = (byte) n;
        return Ed25519PublicKey.of(raw).peerId();
    }

    /** Hosts 1 and 2 with a {@link Recorder} each; {@code atB} is host 2's. */
    private record TwoHosts(SimHost a, SimHost b, Recorder atB) {}

    private static TwoHosts twoHosts(SimulatedNetwork network) {
        SimHost a = network.addHost(peer(1));
        SimHost b = network.addHost(peer(2));
        recorderOn(network, a);
        return new TwoHosts(a, b, recorderOn(network, b));
    }

    /** A new {@link Recorder} attached to {@code host}. */
    private static Recorder recorderOn(SimulatedNetwork network, SimHost host) {
        Recorder recorder = new Recorder(network);
        host.attach(recorder);
        return recorder;
    }

    /** Records what reaches it, at what virtual time. */
    private static final class Recorder implements SimulatedNode {
        final SimulatedNetwork network;
        final List<String> log = new ArrayList<>();
        final List<PeerId> connections = new ArrayList<>();
        int prefetches;
        final List<Object> prefetchedMessages = new ArrayList<>();
        final List<Integer> prefetchesAtReceive = new ArrayList<>();

        Recorder(SimulatedNetwork network) {
            this.network = network;
        }

        @Override
        public void receive(PeerId from, Object message) {
            log.add(network.nowMillis() + " " + message);
            prefetchesAtReceive.add(prefetches);
        }

        @Override
        public int prefetch(Object message) {
            prefetchedMessages.add(message);
            return ++prefetches;
        }

        @Override
        public void linkDown(PeerId peer) {
            log.add(network.nowMillis() + " down");
        }

        @Override
        public Collection<PeerId> connections() {
            return connections;
        }
    }

    @Test
    void deliversAfterTheLatencyInSendOrder() {
        SimulatedNetwork network = new SimulatedNetwork(1, LatencyModel.uniform(1, 100), Duration.ofSeconds(1));
        TwoHosts hosts = twoHosts(network);
        SimHost a = hosts.a();
        SimHost b = hosts.b();
        Recorder atB = hosts.atB();
        OverlayEnvironment<Integer> env = a.environment();

        for (int i = 0; i < 50; i++) {
            env.send(b.id(), i);
        }
        network.runFor(Duration.ofSeconds(1));

        assertEquals(50, atB.log.size());
        for (int i = 0; i < 50; i++) {
            String[] timeAndMessage = atB.log.get(i).split(" ");
            assertEquals(String.valueOf(i), timeAndMessage[1], "FIFO per link");
            long t = Long.parseLong(timeAndMessage[0]);
            assertTrue(t >= 1 && t <= 100);
        }
        assertEquals(50, network.messagesDelivered());
    }

    @Test
    void timersFireInVirtualTimeUnlessCancelled() {
        SimulatedNetwork network = SimulatedNetwork.withSeed(2);
        SimHost a = network.addHost(peer(1));
        recorderOn(network, a);
        OverlayEnvironment<Object> env = a.environment();
        List<Long> fired = new ArrayList<>();

        env.schedule(Duration.ofSeconds(10), () -> fired.add(env.nowMillis()));
        Cancellable cancelled = env.schedule(Duration.ofSeconds(5), () -> fired.add(-1L));
        env.execute(() -> fired.add(env.nowMillis()));
        cancelled.cancel();
        network.runFor(Duration.ofSeconds(9));
        assertEquals(List.of(0L), fired);
        network.runFor(Duration.ofSeconds(1));

        assertEquals(List.of(0L, 10_000L), fired);
        assertEquals(10_000L, network.nowMillis());
    }

    @Test
    void aSendToADeadHostComesBackAsLinkDownAndItsTimersStop() {
        SimulatedNetwork network = new SimulatedNetwork(3, LatencyModel.fixed(20), Duration.ofSeconds(1));
        SimHost a = network.addHost(peer(1));
        SimHost b = network.addHost(peer(2));
        Recorder atA = recorderOn(network, a);
        Recorder atB = recorderOn(network, b);
        List<String> timers = new ArrayList<>();
        b.environment().schedule(Duration.ofMillis(500), () -> timers.add("b fired"));

        network.kill(b.id());
        a.<String>environment().send(b.id(), "hello");
        network.runFor(Duration.ofSeconds(1));

        assertEquals(List.of("40 down"), atA.log);
        assertEquals(List.of(), atB.log);
        assertEquals(List.of(), timers);
        assertFalse(b.isAlive());
    }

    @Test
    void connectionsToAKilledHostAreReportedAfterTheDetectionDelay() {
        SimulatedNetwork network = new SimulatedNetwork(4, LatencyModel.fixed(20), Duration.ofMillis(700));
        SimHost a = network.addHost(peer(1));
        SimHost b = network.addHost(peer(2));
        SimHost c = network.addHost(peer(3));
        Recorder atA = new Recorder(network);
        atA.connections.add(b.id());
        a.attach(atA);
        recorderOn(network, b);
        Recorder atC = recorderOn(network, c);

        network.kill(List.of(b.id()));
        network.runFor(Duration.ofSeconds(1));

        assertEquals(List.of("700 down"), atA.log);
        assertEquals(List.of(), atC.log, "not connected: not told");
        assertEquals(List.of(a, c), network.liveHosts());
    }

    @Test
    void everyMessageIsPrefetchedBeforeItIsDelivered() {
        SimulatedNetwork network = new SimulatedNetwork(7, LatencyModel.fixed(10), Duration.ofSeconds(1));
        TwoHosts hosts = twoHosts(network);
        SimHost a = hosts.a();
        SimHost b = hosts.b();
        Recorder target = hosts.atB();
        OverlayEnvironment<String> env = a.environment();
        for (int i = 0; i < 150; i++) {
            env.send(b.id(), "m" + i); // all due in the same millisecond: several chunks of one bucket
        }
        network.runFor(Duration.ofSeconds(1));
        assertEquals(150, target.prefetchesAtReceive.size());
        for (int i = 0; i < 150; i++) {
            assertTrue(target.prefetchesAtReceive.get(i) > i, "message " + i + " was prefetched first");
        }
        assertEquals(150, target.prefetches, "each message once");
        for (int i = 0; i < 150; i++) {
            assertEquals("m" + i, target.prefetchedMessages.get(i), "with the message it will receive");
        }
        assertEquals("10 m149", target.log.get(149));

        // a timer task prefetches its owner's node, too
        OverlayEnvironment<String> ownTimers = b.environment();
        List<Integer> prefetchesAtTask = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ownTimers.schedule(Duration.ofMillis(5), () -> prefetchesAtTask.add(target.prefetches));
        }
        network.runFor(Duration.ofSeconds(1));
        assertEquals(100, prefetchesAtTask.size());
        assertTrue(target.prefetchedMessages.subList(150, 250).stream().allMatch(m -> m == null), "no message for a task");
        for (int i = 0; i < 100; i++) {
            assertTrue(prefetchesAtTask.get(i) > 150 + i, "task " + i + " was prefetched first");
        }
    }

    @Test
    void sendsReachTheRightHostWhenOneHostSendsToManyInTurnAndByEqualCopiesOfTheirIds() {
        SimulatedNetwork network = new SimulatedNetwork(8, LatencyModel.fixed(5), Duration.ofSeconds(1));
        SimHost a = network.addHost(peer(100));
        recorderOn(network, a);
        List<SimHost> targets = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            SimHost host = network.addHost(peer(i));
            Recorder r = recorderOn(network, host);
            targets.add(host);
            recorders.add(r);
        }
        OverlayEnvironment<String> env = a.environment();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 40; i++) {
                // more hosts than the environment remembers, and every third send by an equal copy of the id
                PeerId to = (i + round) % 3 == 0 ? PeerId.fromBytes(targets.get(i).id().toBytes()) : targets.get(i).id();
                env.send(to, "r" + round + " to " + i);
            }
        }
        network.runFor(Duration.ofSeconds(1));
        for (int i = 0; i < 40; i++) {
            assertEquals(List.of("5 r0 to " + i, "5 r1 to " + i, "5 r2 to " + i), recorders.get(i).log, "host " + i);
        }
    }

    @Test
    void prefetchingAnEnvironmentChangesNothing() {
        SimulatedNetwork network = new SimulatedNetwork(9, LatencyModel.fixed(5), Duration.ofSeconds(1));
        TwoHosts hosts = twoHosts(network);
        OverlayEnvironment<String> env = hosts.a().environment();
        assertEquals(0, env.prefetch(), "no host sent to yet");
        env.send(hosts.b().id(), "one");
        int warm = env.prefetch();
        assertEquals(warm, env.prefetch());
        env.send(hosts.b().id(), "two");
        network.runFor(Duration.ofSeconds(1));
        assertEquals(List.of("5 one", "5 two"), hosts.atB().log);
        assertEquals(2, network.messagesDelivered());
    }

    @Test
    void aMessageTheShortcutAbsorbsCountsAsDeliveredButNeverReachesTheNode() {
        SimulatedNetwork network = new SimulatedNetwork(9, LatencyModel.fixed(5), Duration.ofSeconds(1));
        TwoHosts hosts = twoHosts(network);
        PeerId b = hosts.b().id();
        List<PeerId> senders = new ArrayList<>();
        network.setShortcut((host, from, message, now) -> {
            senders.add(from);
            return host == hosts.b().index() && message.equals("noise");
        });
        OverlayEnvironment<String> env = hosts.a().environment();
        env.send(b, "noise");
        env.send(b, "news");
        network.runFor(Duration.ofSeconds(1));
        assertEquals(List.of("5 news"), hosts.atB().log);
        assertEquals(List.of(hosts.a().id(), hosts.a().id()), senders, "the shortcut is told the sender");
        assertEquals(2, network.messagesDelivered());
        assertEquals(1, network.messagesAbsorbed());
    }

    @Test
    void everyHostHandsOutTheOneVirtualClock() {
        SimulatedNetwork network = SimulatedNetwork.withSeed(6);
        OverlayEnvironment<String> a = network.addHost(peer(1)).environment();
        OverlayEnvironment<String> b = network.addHost(peer(2)).environment();
        assertTrue(a.clock() == b.clock(), "one shared object");
        network.runFor(Duration.ofMillis(1234));
        assertEquals(1234, a.clock().getAsLong());
        assertEquals(a.nowMillis(), b.clock().getAsLong());
    }

    @Test
    void rejectsADuplicateHost() {
        SimulatedNetwork network = SimulatedNetwork.withSeed(5);
        network.addHost(peer(1));
        assertThrows(IllegalArgumentException.class, () -> network.addHost(peer(1)));
    }

    @Test
    void aLinkWithAFixedLatencyTakesItBothWaysAndOtherPairsTheDefault() {
        LinkLatencies latency = new LinkLatencies(LatencyModel.fixed(3)).set(peer(1), peer(2), 100);
        SimulatedNetwork network = new SimulatedNetwork(1, latency, Duration.ofSeconds(1));
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Recorder r = new Recorder(network);
            network.addHost(peer(i)).attach(r);
            recorders.add(r);
        }
        List<SimHost> hosts = network.hosts();
        hosts.get(0).environment().send(peer(2), "a");
        hosts.get(1).environment().send(peer(1), "b");
        hosts.get(0).environment().send(peer(3), "c");
        network.runFor(Duration.ofSeconds(1));

        assertEquals(List.of("100 b"), recorders.get(0).log);
        assertEquals(List.of("100 a"), recorders.get(1).log);
        assertEquals(List.of("3 c"), recorders.get(2).log);
        assertThrows(IllegalArgumentException.class, () -> latency.set(peer(1), peer(3), -1));
    }
}
