package io.solcial.cli;

import io.solcial.chain.Registrar;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code solcial registrar mint-tokens}: gate tokens to a wallet. */
@Command(name = "mint-tokens", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Mint N base units of a mint to the associated token account of a wallet.")
final class RegistrarMintTokensCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    ChainOptions chain;

    @Mixin
    PayerOption payer;

    @Option(names = "--mint", required = true, paramLabel = "MINT", description = "The mint.")
    String mint;

    @Option(names = "--to", required = true, paramLabel = "ADDR", description = "The receiving wallet.")
    String to;

    @Option(names = "--amount", required = true, paramLabel = "N", description = "Amount in base units (positive).")
    long amount;

    RegistrarMintTokensCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (amount <= 0) {
            throw new ParameterException(spec.commandLine(), "--amount must be positive");
        }
        var mintKey = ChainOptions.address(spec, "--mint", mint);
        var toKey = ChainOptions.address(spec, "--to", to);
        String signature = new Registrar(chain.settings(spec), env.random())
                .mintTokens(payer.keyPair(), mintKey, toKey, amount);
        spec.commandLine().getOut().println("minted: " + amount);
        spec.commandLine().getOut().println("signature: " + signature);
        return 0;
    }
}
