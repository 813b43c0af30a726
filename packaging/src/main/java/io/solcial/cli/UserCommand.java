package io.solcial.cli;

import io.solcial.cli.control.ControlClient;
import io.solcial.cli.control.UserActions;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.node.NodeConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command acting as the identity in {@code --data DIR}: through the control API of the node
 * running on that directory when one answers, else by starting the node briefly
 * ({@link BriefNode}) and stopping it when done.
 */
abstract class UserCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    UserNodeOptions node;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Without a running node: how long to wait to join, to sync, and for a peer to take what was written (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** Does the work and prints what it did; returns the exit code. */
    abstract int run(UserActions actions, PrintWriter out) throws Exception;

    @Override
    public final Integer call() throws Exception {
        if (timeoutSeconds < 1) {
            throw new CliFailure("--timeout must be at least 1 second");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (UserActions actions = open(out, spec.commandLine().getErr())) {
            int code = run(actions, out);
            out.flush();
            return code;
        }
    }

    private UserActions open(PrintWriter out, PrintWriter err) throws Exception {
        Path dir = node.dataDir();
        Optional<ControlClient> running = ControlClient.connect(dir);
        if (running.isPresent()) {
            return running.get();
        }
        Properties settings = node.effective(node.commandLine());
        boolean fresh = !Files.exists(dir.resolve(NodeSetup.IDENTITY_FILE));
        Ed25519KeyPair identity = NodeSetup.identity(dir);
        if (fresh) {
            err.println("note: new identity in " + dir.resolve(NodeSetup.IDENTITY_FILE) + " (account "
                    + identity.publicKey().address() + ")");
        }
        NodeConfig config = NodeConfig.defaults(identity, node.oracle(settings)).withDataDir(dir)
                .withBootstrap(UserNodeOptions.multiaddrs(settings, "bootstrap", "--bootstrap"));
        return BriefNode.start(config, Duration.ofSeconds(timeoutSeconds), out, err);
    }

    /** A file path as the node (maybe another process, another working directory) must see it. */
    static String absolute(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }
}
