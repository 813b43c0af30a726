package io.solcial.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.overlay.Topic;
import io.solcial.overlay.net.BanStore;
import io.solcial.overlay.net.OverlayService;
import io.solcial.overlay.plumtree.PayloadValidator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The overlay admits or refuses joins through the Solana oracle: real libp2p hosts whose keys are
 * wallets, a membership mint on a real Solana runtime (litesvm), registration by real transactions.
 */
class OverlayGatingTest {
    @RegisterExtension
    static final LiteSvmRpc RPC = new LiteSvmRpc();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long SOL = 1_000_000_000L;

    private final List<Libp2pHost> hosts = new ArrayList<>();
    private final List<OverlayService> services = new ArrayList<>();
    private final List<SolanaMembershipOracle> oracles = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(OverlayService::close);
        hosts.forEach(h -> h.stop().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join());
        oracles.forEach(SolanaMembershipOracle::close);
    }

    private OverlayService node(Ed25519KeyPair wallet, Ed25519PublicKey membershipMint) {
        Libp2pHost host = new Libp2pHost(wallet, HostConfig.defaults(), Clock.systemUTC());
        host.start().orTimeout(10, TimeUnit.SECONDS).join();
        hosts.add(host);
        // a short negative TTL so that a wallet registered during the test is seen at once
        SolanaOracleConfig config = SolanaOracleConfig.defaults(RPC.url(), membershipMint).withRpc(RPC.settings())
                .withTtls(Duration.ofMinutes(5), Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofSeconds(30));
        SolanaMembershipOracle oracle = new SolanaMembershipOracle(config);
        oracles.add(oracle);
        OverlayService service = new OverlayService(host, oracle, BanStore.inMemory(), PayloadValidator.acceptAll(),
                OverlayService.Config.defaults(), d -> { });
        services.add(service);
        return service;
    }

    private Multiaddr addressOf(OverlayService service) {
        Libp2pHost host = hosts.get(services.indexOf(service));
        return host.listenAddresses().get(0).encapsulate(Multiaddr.parse("/p2p/" + host.peerId()));
    }

    @Test
    void registeredWalletsJoinAndAnUnregisteredOneIsRefusedUntilItRegisters() throws Exception {
        Registrar registrar = new Registrar(RPC.settings(), RANDOM);
        Ed25519KeyPair payer = Ed25519KeyPair.generate(RANDOM);
        RPC.airdrop(payer.publicKey(), 100 * SOL);
        Ed25519PublicKey mint = registrar.createMint(payer, 0, true);
        Ed25519KeyPair alice = Ed25519KeyPair.generate(RANDOM);
        Ed25519KeyPair bob = Ed25519KeyPair.generate(RANDOM);
        Ed25519KeyPair carol = Ed25519KeyPair.generate(RANDOM);
        registrar.register(payer, mint, alice.publicKey());
        registrar.register(payer, mint, bob.publicKey());

        OverlayService a = node(alice, mint);
        a.start(List.of()).get(20, TimeUnit.SECONDS);
        OverlayService b = node(bob, mint);
        b.start(List.of(addressOf(a))).get(20, TimeUnit.SECONDS);
        assertTrue(b.activeView(Topic.PUBLIC).contains(alice.peerId()));
        assertTrue(waitFor(() -> a.activeView(Topic.PUBLIC).contains(bob.peerId())));

        OverlayService c = node(carol, mint);
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> c.start(List.of(addressOf(a))).get(20, TimeUnit.SECONDS));
        OverlayService.JoinRefusedException reason = assertInstanceOf(OverlayService.JoinRefusedException.class,
                refused.getCause());
        assertTrue(reason.getMessage().contains("not a registered member"), reason.getMessage());
        assertFalse(a.activeView(Topic.PUBLIC).contains(carol.peerId()));
        assertFalse(b.activeView(Topic.PUBLIC).contains(carol.peerId()));

        // carol registers on-chain and starts her node again: now she is admitted
        registrar.register(payer, mint, carol.publicKey());
        Thread.sleep(300); // past the oracle's negative-cache TTL
        c.close();
        hosts.get(services.indexOf(c)).stop().orTimeout(10, TimeUnit.SECONDS).join();
        OverlayService again = node(carol, mint);
        again.start(List.of(addressOf(a))).get(20, TimeUnit.SECONDS);
        assertTrue(waitFor(() -> a.activeView(Topic.PUBLIC).contains(carol.peerId())
                || b.activeView(Topic.PUBLIC).contains(carol.peerId())));
        // N = supply of the membership mint (a fresh oracle; older ones cache N for a minute)
        assertEquals(3L, oracles.get(oracles.size() - 1).estimatedNetworkSize().get(10, TimeUnit.SECONDS));
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
