package io.solcial.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code solcial}: the top command. Each subcommand is its own small class. */
@Command(name = "solcial",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Peer-to-peer social network node. Your Solana wallet key is your node identity.",
        subcommands = {IdCommand.class, PingCommand.class, AddCommand.class, GetCommand.class,
                RegistrarCommand.class, ChainCommand.class, SimCommand.class, BeaconCommand.class, DemoCommand.class,
                NodeCommand.class, PostCommand.class, LikeCommand.class, FollowCommand.class, FeedCommand.class,
                ProfileCommand.class})
final class SolcialCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces of failures (also: SOLCIAL_DEBUG=1).")
    boolean verbose;

    @Override
    public void run() {
        // The desktop app will be the default here once client-ui exists.
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
