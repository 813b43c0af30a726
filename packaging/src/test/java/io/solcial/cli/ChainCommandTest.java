package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.chain.LiteSvmRpc;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.SolanaKeypairFile;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The registrar and status commands against a real Solana runtime (litesvm). */
class ChainCommandTest {
    @RegisterExtension
    static final LiteSvmRpc RPC = new LiteSvmRpc();

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private CliHarness.Result run(String... args) {
        return new CliHarness().run(args);
    }

    private Path fundedPayer() throws Exception {
        Ed25519KeyPair payer = Ed25519KeyPair.generate(RANDOM);
        Path file = dir.resolve("payer.json");
        SolanaKeypairFile.write(file, payer, false);
        RPC.airdrop(payer.publicKey(), 10_000_000_000L);
        return file;
    }

    private String ok(CliHarness.Result r) {
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void createMintRegisterMintTokensAndStatus() throws Exception {
        String rpc = RPC.url().toString();
        String payer = fundedPayer().toString();
        String wallet = Ed25519KeyPair.generate(RANDOM).publicKey().address();
        String stranger = Ed25519KeyPair.generate(RANDOM).publicKey().address();

        String membership = ok(run("registrar", "create-mint", "--rpc", rpc, "--payer", payer, "--non-transferable")).trim();
        Ed25519PublicKey.fromAddress(membership);
        String registered = ok(run("registrar", "register", "--rpc", rpc, "--payer", payer, "--mint", membership,
                "--wallet", wallet));
        assertTrue(registered.startsWith("registered: " + wallet + "\nsignature: "), registered);

        assertEquals(List.of("registered: true", "network-size: 1", "balance: 1"),
                run("chain", "status", "--rpc", rpc, "--mint", membership, "--wallet", wallet).outLines());
        assertEquals(List.of("registered: false", "network-size: 1", "balance: 0"),
                run("chain", "status", "--rpc", rpc, "--mint", membership, "--wallet", stranger).outLines());

        String gate = ok(run("registrar", "create-mint", "--rpc", rpc, "--payer", payer)).trim();
        ok(run("registrar", "mint-tokens", "--rpc", rpc, "--payer", payer, "--mint", gate, "--to", wallet,
                "--amount", "7"));
        ok(run("registrar", "mint-tokens", "--rpc", rpc, "--payer", payer, "--mint", gate, "--to", wallet,
                "--amount", "5"));
        assertEquals(List.of("registered: true", "network-size: 1", "balance: 12"),
                run("chain", "status", "--rpc", rpc, "--mint", membership, "--wallet", wallet, "--token", gate)
                        .outLines());

        CliHarness.Result twice = run("registrar", "register", "--rpc", rpc, "--payer", payer, "--mint", membership,
                "--wallet", wallet);
        assertEquals(1, twice.exitCode());
        assertTrue(twice.err().startsWith("error: wallet " + wallet + " is already registered"), twice.err());
    }

    @Test
    void failedTransactionIsReportedAsFailed() throws Exception {
        String rpc = RPC.url().toString();
        String payer = fundedPayer().toString();
        String membership = ok(run("registrar", "create-mint", "--rpc", rpc, "--payer", payer, "--non-transferable")).trim();
        // Another payer is not the mint authority: the chain refuses the MintTo in preflight.
        Ed25519KeyPair other = Ed25519KeyPair.generate(RANDOM);
        Path otherFile = dir.resolve("other.json");
        SolanaKeypairFile.write(otherFile, other, false);
        RPC.airdrop(other.publicKey(), 1_000_000_000L);
        CliHarness.Result r = run("registrar", "register", "--rpc", rpc, "--payer", otherFile.toString(),
                "--mint", membership, "--wallet", Ed25519KeyPair.generate(RANDOM).publicKey().address());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("error: transaction failed: Transaction simulation failed"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unreachableRpcAndBadAddressesAreClearErrors() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String mint = Ed25519KeyPair.generate(RANDOM).publicKey().address();
        CliHarness.Result down = run("chain", "status", "--rpc", "http://127.0.0.1:" + port, "--mint", mint,
                "--wallet", mint);
        assertEquals(1, down.exitCode());
        assertTrue(down.err().startsWith("error: chain unreachable: Solana RPC http://127.0.0.1:" + port), down.err());

        CliHarness.Result bad = run("chain", "status", "--rpc", RPC.url().toString(), "--mint", "not-an-address",
                "--wallet", mint);
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--mint: not a Solana address"), bad.err());
    }
}
