package io.solcial.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.membership.ChainUnavailableException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The oracle and the registrar against a real Solana runtime (litesvm): state is set up with real
 * transactions sent from Java, then read back through the oracle.
 */
class SolanaMembershipOracleTest {
    @RegisterExtension
    static final LiteSvmRpc RPC = new LiteSvmRpc();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long SOL = 1_000_000_000L;

    private static boolean chainReady;
    private static Registrar registrar;
    private static Ed25519KeyPair payer;
    private static Ed25519PublicKey membershipMint;
    private static Ed25519PublicKey gateMint;
    private static Ed25519KeyPair alice;
    private static Ed25519KeyPair bob;
    private static final List<Ed25519PublicKey> REGISTERED = new ArrayList<>();

    private final MutableClock clock = new MutableClock();
    private final List<SolanaMembershipOracle> oracles = new ArrayList<>();

    /**
     * Once per class, but from {@code @BeforeEach}: the extension has checked the harness by then,
     * so a missing install shows as skipped tests with the reason.
     */
    @BeforeEach
    void setUpChainOnce() throws Exception {
        if (!chainReady) {
            setUpChain();
            chainReady = true;
        }
    }

    private static void setUpChain() throws Exception {
        registrar = new Registrar(RPC.settings(), RANDOM);
        payer = Ed25519KeyPair.generate(RANDOM);
        alice = Ed25519KeyPair.generate(RANDOM);
        bob = Ed25519KeyPair.generate(RANDOM);
        RPC.airdrop(payer.publicKey(), 100 * SOL);
        RPC.airdrop(alice.publicKey(), SOL);

        membershipMint = registrar.createMint(payer, 0, true);
        for (Ed25519KeyPair wallet : List.of(alice, bob)) {
            registrar.register(payer, membershipMint, wallet.publicKey());
            REGISTERED.add(wallet.publicKey());
        }

        // Gate tokens: alice holds 150 in her associated account, 50 in a second account and 25 in
        // a third one that gets frozen.
        gateMint = registrar.createMint(payer, 2, false);
        registrar.mintTokens(payer, gateMint, alice.publicKey(), 150);
        Ed25519PublicKey second = registrar.openTokenAccount(payer, gateMint, alice.publicKey());
        registrar.mintToAccount(payer, gateMint, second, 50);
        Ed25519PublicKey frozen = registrar.openTokenAccount(payer, gateMint, alice.publicKey());
        registrar.mintToAccount(payer, gateMint, frozen, 25);
        registrar.freeze(payer, gateMint, frozen);
    }

    @AfterEach
    void closeOracles() {
        oracles.forEach(SolanaMembershipOracle::close);
    }

    private SolanaMembershipOracle oracle() {
        SolanaOracleConfig config = SolanaOracleConfig.defaults(RPC.url(), membershipMint).withRpc(RPC.settings());
        SolanaMembershipOracle oracle = new SolanaMembershipOracle(config, clock);
        oracles.add(oracle);
        return oracle;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        return e.getCause();
    }

    @Test
    void registeredWalletsAreMembersOthersAreNot() throws Exception {
        SolanaMembershipOracle oracle = oracle();
        assertTrue(await(oracle.isMember(alice.publicKey())));
        assertTrue(await(oracle.isMember(bob.publicKey())));
        assertFalse(await(oracle.isMember(Ed25519KeyPair.generate(RANDOM).publicKey())));
        assertFalse(await(oracle.isMember(payer.publicKey())), "the registrar itself holds no membership token");
    }

    @Test
    void networkSizeIsTheMembershipSupply() throws Exception {
        assertEquals(REGISTERED.size(), await(oracle().estimatedNetworkSize()));
        assertEquals(BigInteger.valueOf(REGISTERED.size()), registrar.mintInfo(membershipMint).supply());
    }

    @Test
    void balanceSumsEveryTokenAccountExceptFrozenOnes() throws Exception {
        SolanaMembershipOracle oracle = oracle();
        assertEquals(BigInteger.valueOf(200), await(oracle.tokenBalance(alice.publicKey(), gateMint)));
        assertEquals(BigInteger.ZERO, await(oracle.tokenBalance(bob.publicKey(), gateMint)));
        assertEquals(BigInteger.ONE, await(oracle.tokenBalance(bob.publicKey(), membershipMint)));
        assertEquals(BigInteger.valueOf(200), registrar.balance(alice.publicKey(), gateMint));
    }

    @Test
    void membershipTokenCannotBeTransferred() throws Exception {
        Ed25519PublicKey from = TokenInstructions.associatedTokenAddress(alice.publicKey(), membershipMint,
                TokenPrograms.TOKEN_2022);
        Ed25519PublicKey to = TokenInstructions.associatedTokenAddress(bob.publicKey(), membershipMint,
                TokenPrograms.TOKEN_2022);
        TransactionSender sender = new TransactionSender(RPC.settings());
        TransactionFailedException e = assertThrows(TransactionFailedException.class, () -> sender.send(List.of(
                TokenInstructions.transferChecked(TokenPrograms.TOKEN_2022, from, membershipMint, to,
                        alice.publicKey(), 1, 0)), alice));
        // Token-2022's TokenError::NonTransferable is custom error 37.
        assertEquals("{\"InstructionError\":[0,{\"Custom\":37}]}", e.error(), e.getMessage() + " " + e.logs());
        assertEquals(BigInteger.ONE, registrar.balance(alice.publicKey(), membershipMint));
        assertEquals(BigInteger.ONE, registrar.balance(bob.publicKey(), membershipMint));
    }

    @Test
    void gateTokensDoTransfer() throws Exception {
        Ed25519KeyPair carol = Ed25519KeyPair.generate(RANDOM);
        registrar.mintTokens(payer, gateMint, carol.publicKey(), 1); // creates carol's associated account
        Ed25519PublicKey from = TokenInstructions.associatedTokenAddress(alice.publicKey(), gateMint, TokenPrograms.TOKEN);
        Ed25519PublicKey to = TokenInstructions.associatedTokenAddress(carol.publicKey(), gateMint, TokenPrograms.TOKEN);
        new TransactionSender(RPC.settings()).send(List.of(TokenInstructions.transferChecked(TokenPrograms.TOKEN, from,
                gateMint, to, alice.publicKey(), 10, 2)), payer, alice);
        assertEquals(BigInteger.valueOf(11), registrar.balance(carol.publicKey(), gateMint));
        assertEquals(BigInteger.valueOf(190), registrar.balance(alice.publicKey(), gateMint));
        new TransactionSender(RPC.settings()).send(List.of(TokenInstructions.transferChecked(TokenPrograms.TOKEN, to,
                gateMint, from, carol.publicKey(), 10, 2)), payer, carol);
    }

    @Test
    void registeringTwiceIsRefused() {
        RegistrarException e = assertThrows(RegistrarException.class,
                () -> registrar.register(payer, membershipMint, alice.publicKey()));
        assertTrue(e.getMessage().contains("already registered"), e.getMessage());
    }

    @Test
    void newRegistrationShowsOnceTheNegativeAnswerExpires() throws Exception {
        SolanaMembershipOracle oracle = oracle();
        Ed25519KeyPair dave = Ed25519KeyPair.generate(RANDOM);
        assertFalse(await(oracle.isMember(dave.publicKey())));
        registrar.register(payer, membershipMint, dave.publicKey());
        REGISTERED.add(dave.publicKey());
        assertFalse(await(oracle.isMember(dave.publicKey())), "cached negative answer");
        clock.advance(SolanaOracleConfig.defaults(RPC.url(), membershipMint).negativeTtl().plusSeconds(1));
        assertTrue(await(oracle.isMember(dave.publicKey())));
    }

    @Test
    void outageKeepsConfirmedMembersRefusesNewJoinsAndRecovers() throws Exception {
        SolanaMembershipOracle oracle = oracle();
        Ed25519PublicKey stranger = Ed25519KeyPair.generate(RANDOM).publicKey();
        assertTrue(await(oracle.isMember(alice.publicKey())));
        long n = await(oracle.estimatedNetworkSize());
        clock.advance(Duration.ofDays(1)); // every cached answer is stale now

        RPC.down();
        try {
            assertTrue(await(oracle.isMember(alice.publicKey())), "a confirmed member keeps working");
            assertEquals(n, await(oracle.estimatedNetworkSize()), "the last known N stays in use");
            Throwable refused = failure(oracle.isMember(stranger));
            assertInstanceOf(ChainUnavailableException.class, refused);
            assertTrue(refused.getMessage().startsWith("chain unreachable: "), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("new joins refused until it recovers"), refused.getMessage());
            Throwable balance = failure(oracle.tokenBalance(alice.publicKey(), gateMint));
            assertInstanceOf(ChainUnavailableException.class, balance);
            Throwable bobUnknown = failure(oracle.isMember(bob.publicKey()));
            assertInstanceOf(ChainUnavailableException.class, bobUnknown, "never confirmed by this oracle");
        } finally {
            RPC.up();
        }
        assertFalse(await(oracle.isMember(stranger)), "recovers by itself");
        assertTrue(await(oracle.isMember(bob.publicKey())));
        assertEquals(BigInteger.valueOf(200), await(oracle.tokenBalance(alice.publicKey(), gateMint)));
    }
}
