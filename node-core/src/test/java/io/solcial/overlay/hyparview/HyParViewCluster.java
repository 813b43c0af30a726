package io.solcial.overlay.hyparview;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.membership.InMemoryMembershipOracle;
import io.solcial.overlay.Topic;
import io.solcial.overlay.sim.SimHost;
import io.solcial.overlay.sim.SimulatedNetwork;
import io.solcial.overlay.sim.SimulatedNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** Many HyParView nodes on one {@link SimulatedNetwork}, gated by an in-memory membership oracle. */
final class HyParViewCluster {
    final SimulatedNetwork network;
    final InMemoryMembershipOracle oracle = new InMemoryMembershipOracle();
    final HyParViewConfig config;
    final Map<PeerId, HyParView> nodes = new LinkedHashMap<>();
    final Map<PeerId, RecordingNeighborListener> listeners = new LinkedHashMap<>();
    final Map<PeerId, Set<PeerId>> bans = new LinkedHashMap<>();
    private final SplittableRandom keys;
    private final long networkSize;

    HyParViewCluster(long seed, long networkSize) {
        this(seed, networkSize, HyParViewConfig.defaults());
    }

    HyParViewCluster(long seed, long networkSize, HyParViewConfig config) {
        this.network = SimulatedNetwork.withSeed(seed);
        this.keys = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.networkSize = networkSize;
        this.config = config;
        oracle.setNetworkSize(networkSize);
    }

    /** A cheap peer id: a random 32-byte "key" (no key pair needed). */
    PeerId newPeerId() {
        byte[] raw = new byte[32];
        keys.nextBytes(raw);
        return Ed25519PublicKey.of(raw).peerId();
    }

    /** A registered member, started. */
    HyParView addMember() {
        PeerId id = newPeerId();
        oracle.register(id.publicKey().orElseThrow());
        return addNode(id);
    }

    /** A node that is not registered on chain, started. */
    HyParView addStranger() {
        return addNode(newPeerId());
    }

    HyParView addNode(PeerId id) {
        return addNode(id, Admission.of(oracle));
    }

    /** A started node that gates with {@code admission} instead of the shared oracle. */
    HyParView addNode(PeerId id, Admission admission) {
        SimHost host = network.addHost(id);
        RecordingNeighborListener listener = new RecordingNeighborListener();
        Set<PeerId> banList = new HashSet<>();
        HyParView view = new HyParView(id, Topic.PUBLIC, config.withInitialNetworkSize(networkSize), host.environment(),
                admission, NetworkSize.of(oracle), banList, listener);
        host.attach(new SimulatedNode() {
            @Override
            public void receive(PeerId from, Object message) {
                view.onMessage(from, (HyParViewMessage) message);
            }

            @Override
            public void linkDown(PeerId peer) {
                view.linkDown(peer);
            }

            @Override
            public Collection<PeerId> connections() {
                return view.activeView();
            }
        });
        nodes.put(id, view);
        listeners.put(id, listener);
        bans.put(id, banList);
        view.start();
        return view;
    }

    /** {@code count} members joining through {@code bootstrap}, one every {@code gap}. */
    List<HyParView> joinMembers(int count, HyParView bootstrap, Duration gap) {
        List<HyParView> joined = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HyParView node = addMember();
            node.join(bootstrap.self());
            joined.add(node);
            network.runFor(gap);
        }
        return joined;
    }

    void runShufflePeriods(int periods) {
        network.runFor(config.shuffleInterval().multipliedBy(periods));
    }

    List<HyParView> live() {
        return nodes.values().stream().filter(v -> network.host(v.self()).orElseThrow().isAlive()).toList();
    }

    /** Whether the live nodes' active views form one connected graph. */
    boolean liveActiveGraphConnected() {
        List<HyParView> live = live();
        if (live.isEmpty()) {
            return true;
        }
        Set<PeerId> liveIds = new HashSet<>();
        live.forEach(v -> liveIds.add(v.self()));
        Set<PeerId> seen = new HashSet<>();
        ArrayDeque<PeerId> todo = new ArrayDeque<>();
        todo.add(live.get(0).self());
        seen.add(live.get(0).self());
        while (!todo.isEmpty()) {
            for (PeerId next : nodes.get(todo.poll()).activeView()) {
                if (liveIds.contains(next) && seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen.size() == live.size();
    }

    /** Live pairs where A has B active but B, alive, does not have A. */
    List<String> asymmetricLinks() {
        List<String> bad = new ArrayList<>();
        for (HyParView a : live()) {
            for (PeerId b : a.activeView()) {
                HyParView other = nodes.get(b);
                if (network.host(b).orElseThrow().isAlive() && !other.activeView().contains(a.self())) {
                    bad.add(a.self() + " -> " + b);
                }
            }
        }
        return bad;
    }
}
