package io.solcial.node;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.membership.InMemoryMembershipOracle;
import io.solcial.overlay.Topic;
import io.solcial.overlay.hyparview.HyParViewConfig;
import io.solcial.overlay.net.OverlayService;
import io.solcial.overlay.plumtree.PlumtreeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** In-process nodes over loopback TCP with short overlay timers, all registered members; closed together. */
final class NodeNetwork implements AutoCloseable {
    final InMemoryMembershipOracle oracle = new InMemoryMembershipOracle().setNetworkSize(16);
    private final List<Node> nodes = new ArrayList<>();

    Node start(NodeConfig.Role role) throws Exception {
        return start(role, c -> c);
    }

    Node start(NodeConfig.Role role, UnaryOperator<NodeConfig> tweak) throws Exception {
        Ed25519KeyPair keys = Ed25519KeyPair.generate();
        oracle.register(keys.publicKey());
        Node n = Node.start(tweak.apply(config(keys, role)));
        nodes.add(n);
        return n;
    }

    /** A new user's node that joined the overlay through {@code contact} and follows its account. */
    Node follower(Node contact) throws Exception {
        Node n = start(NodeConfig.Role.USER, c -> c.withBootstrap(contact.addresses()));
        n.joined().get(10, TimeUnit.SECONDS);
        n.follow(contact.account());
        return n;
    }

    NodeConfig config(Ed25519KeyPair keys, NodeConfig.Role role) {
        HyParViewConfig hv = new HyParViewConfig(3, 32, 6, 3, 2, Duration.ofMillis(500), 4, 3, 4,
                Duration.ofMinutes(10), 16, Duration.ofSeconds(2));
        PlumtreeConfig pt = new PlumtreeConfig(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(200), 4,
                Duration.ofMinutes(2), 10_000, 16L * 1024 * 1024, Duration.ofMinutes(10), 100_000, 4_096, 8, 4_096);
        OverlayService.Config overlay = new OverlayService.Config(List.of(Topic.PUBLIC, Topic.CONTENT), hv, pt,
                Duration.ofSeconds(3), 1_024, Duration.ofSeconds(30));
        return NodeConfig.defaults(keys, OracleFactory.of(oracle)).withRole(role).withOverlay(overlay).withResyncEvery(Duration.ofSeconds(2));
    }

    /** Stops {@code n} early (it goes offline); close() skips it. */
    void stop(Node n) {
        n.close();
        nodes.remove(n);
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        return io.solcial.overlay.net.Eventually.within(timeout, condition);
    }

    @Override
    public void close() {
        nodes.forEach(Node::close);
        nodes.clear();
    }
}
