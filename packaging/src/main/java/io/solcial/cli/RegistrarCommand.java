package io.solcial.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code solcial registrar}: a beacon operator's on-chain registrar (mints, registrations, gate tokens). */
@Command(name = "registrar",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Create mints, register wallets and mint gate tokens on Solana (the payer signs and pays).",
        subcommands = {RegistrarCreateMintCommand.class, RegistrarRegisterCommand.class,
                RegistrarMintTokensCommand.class})
final class RegistrarCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: create-mint, register or mint-tokens");
    }
}
