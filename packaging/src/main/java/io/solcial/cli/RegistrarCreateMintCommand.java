package io.solcial.cli;

import io.solcial.chain.Registrar;
import io.solcial.identity.Ed25519PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code solcial registrar create-mint}: prints the new mint's address. */
@Command(name = "create-mint", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Create a token mint (the payer is its mint and freeze authority) and print its address.",
                "With --non-transferable: a Token-2022 mint with the NonTransferable extension, decimals 0 "
                        + "(the membership mint). Otherwise a legacy SPL Token mint (a gate)."})
final class RegistrarCreateMintCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    ChainOptions chain;

    @Mixin
    PayerOption payer;

    @Option(names = "--non-transferable", description = "Membership mint: Token-2022, NonTransferable, decimals 0.")
    boolean nonTransferable;

    @Option(names = "--decimals", paramLabel = "N", defaultValue = "0",
            description = "Decimals of a gate mint (0..9, default 0).")
    int decimals;

    RegistrarCreateMintCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (nonTransferable && decimals != 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--non-transferable mints have decimals 0");
        }
        if (decimals < 0 || decimals > 9) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--decimals must be 0..9");
        }
        Registrar registrar = new Registrar(chain.settings(spec), env.random());
        Ed25519PublicKey mint = registrar.createMint(payer.keyPair(), decimals, nonTransferable);
        spec.commandLine().getOut().println(mint.address());
        return 0;
    }
}
