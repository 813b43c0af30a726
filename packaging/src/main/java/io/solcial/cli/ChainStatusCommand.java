package io.solcial.cli;

import io.solcial.chain.SolanaMembershipOracle;
import io.solcial.chain.SolanaOracleConfig;
import io.solcial.identity.Ed25519PublicKey;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code solcial chain status}: what the membership oracle answers for a wallet. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print whether a wallet is registered, the network size N and a balance:",
                "registered: true|false", "network-size: N", "balance: X (base units of --token, else of --mint)"})
final class ChainStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ChainOptions chain;

    @Option(names = "--mint", required = true, paramLabel = "MINT", description = "The membership mint.")
    String mint;

    @Option(names = "--wallet", required = true, paramLabel = "ADDR", description = "The wallet to look up.")
    String wallet;

    @Option(names = "--token", paramLabel = "MINT", description = "Show the balance of this (gate) mint instead.")
    String token;

    @Override
    public Integer call() throws Exception {
        Ed25519PublicKey mintKey = ChainOptions.address(spec, "--mint", mint);
        Ed25519PublicKey walletKey = ChainOptions.address(spec, "--wallet", wallet);
        Ed25519PublicKey tokenKey = token == null ? mintKey : ChainOptions.address(spec, "--token", token);
        SolanaOracleConfig config = SolanaOracleConfig.defaults(chain.settings(spec).endpoint(), mintKey);
        try (SolanaMembershipOracle oracle = new SolanaMembershipOracle(config)) {
            boolean registered = get(oracle.isMember(walletKey));
            long size = get(oracle.estimatedNetworkSize());
            BigInteger balance = get(oracle.tokenBalance(walletKey, tokenKey));
            PrintWriter out = spec.commandLine().getOut();
            out.println("registered: " + registered);
            out.println("network-size: " + size);
            out.println("balance: " + balance);
        }
        return 0;
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
