package io.solcial.node;

import io.solcial.exchange.bitswap.BitswapConfig;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.host.HostConfig;
import io.solcial.overlay.Topic;
import io.solcial.overlay.net.OverlayService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link Node} is built from.
 *
 * @param dataDir    where the database lives; empty for an in-memory node (tests, benchmarks)
 * @param identity   the account's key pair (wallet key = libp2p identity)
 * @param role       a user's node replicates itself and whom it follows; a beacon replicates everyone
 * @param host       listen addresses, connection limits and timeouts
 * @param bootstrap  overlay contacts ({@code …/p2p/ID}); empty for the first node of a network
 * @param oracle     makes the chain port (membership, network size) once the database is open
 * @param overlay    overlay topics and timers ({@code /solcial/public} and {@code /solcial/content})
 * @param syncTimeout per HEAD request and per block during sync
 * @param resyncEvery how often followed logs are re-synced from connected peers (catches missed announcements)
 */
public record NodeConfig(Optional<Path> dataDir, Ed25519KeyPair identity, Role role, HostConfig host,
        List<Multiaddr> bootstrap, OracleFactory oracle, OverlayService.Config overlay, BitswapConfig bitswap,
        Duration syncTimeout, Duration resyncEvery, Clock clock) {

    /** What a node replicates. */
    public enum Role { USER, BEACON }

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(host, "host");
        bootstrap = List.copyOf(bootstrap);
        Objects.requireNonNull(oracle, "oracle");
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(bitswap, "bitswap");
        Objects.requireNonNull(clock, "clock");
        if (!overlay.topics().contains(Topic.CONTENT)) {
            throw new IllegalArgumentException("the overlay must carry " + Topic.CONTENT + " (entry announcements)");
        }
        if (syncTimeout.isNegative() || syncTimeout.isZero() || resyncEvery.isNegative() || resyncEvery.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** A user's node with defaults: listen on loopback, any free port. */
    public static NodeConfig defaults(Ed25519KeyPair identity, OracleFactory oracle) {
        OverlayService.Config d = OverlayService.Config.defaults();
        OverlayService.Config overlay = d.withTopics(List.of(Topic.PUBLIC, Topic.CONTENT));
        return new NodeConfig(Optional.empty(), identity, Role.USER,
                HostConfig.defaults().withListenAddresses(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
                List.of(), oracle, overlay, BitswapConfig.defaults(), Duration.ofSeconds(10), Duration.ofMinutes(2),
                Clock.systemUTC());
    }

    public NodeConfig withDataDir(Path dir) {
        return new NodeConfig(Optional.of(dir), identity, role, host, bootstrap, oracle, overlay, bitswap, syncTimeout,
                resyncEvery, clock);
    }

    public NodeConfig withRole(Role r) {
        return new NodeConfig(dataDir, identity, r, host, bootstrap, oracle, overlay, bitswap, syncTimeout, resyncEvery,
                clock);
    }

    public NodeConfig withHost(HostConfig h) {
        return new NodeConfig(dataDir, identity, role, h, bootstrap, oracle, overlay, bitswap, syncTimeout, resyncEvery,
                clock);
    }

    public NodeConfig withBootstrap(List<Multiaddr> contacts) {
        return new NodeConfig(dataDir, identity, role, host, contacts, oracle, overlay, bitswap, syncTimeout,
                resyncEvery, clock);
    }

    public NodeConfig withOverlay(OverlayService.Config o) {
        return new NodeConfig(dataDir, identity, role, host, bootstrap, oracle, o, bitswap, syncTimeout, resyncEvery,
                clock);
    }

    public NodeConfig withResyncEvery(Duration every) {
        return new NodeConfig(dataDir, identity, role, host, bootstrap, oracle, overlay, bitswap, syncTimeout, every,
                clock);
    }
}
