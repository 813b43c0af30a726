package io.solcial.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code solcial chain}: read-only chain lookups. */
@Command(name = "chain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Look up membership, network size and balances on Solana.",
        subcommands = {ChainStatusCommand.class})
final class ChainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: status");
    }
}
