package io.solcial.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code solcial id}: create, show, import and export the node identity. */
@Command(name = "id",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Manage the identity key (Solana CLI keypair file or encrypted keystore).",
        subcommands = {IdNewCommand.class, IdShowCommand.class, IdExportCommand.class, IdImportCommand.class})
final class IdCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: new, show, export or import");
    }
}
