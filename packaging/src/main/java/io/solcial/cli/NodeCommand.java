package io.solcial.cli;

import io.solcial.cli.control.ControlServer;
import io.solcial.cli.control.NodeActions;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.host.HostConfig;
import io.solcial.node.Node;
import io.solcial.node.NodeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code solcial node}: the user's own node, headless, until SIGTERM / SIGINT. Serves the local
 * control API that {@code post}, {@code like}, {@code follow}, {@code feed} and {@code profile} use
 * while it runs; remembers its network options in DIR/node.conf for them.
 */
@Command(name = "node", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run your own node (the identity in --data DIR) headless, with its local control API.",
                "Prints 'listening: …/p2p/ID' and 'control: http://127.0.0.1:PORT'; stops cleanly on Ctrl-C / SIGTERM."})
final class NodeCommand implements Callable<Integer> {
    static final String DEFAULT_LISTEN = "/ip4/127.0.0.1/tcp/0";

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    UserNodeOptions options;

    @Option(names = "--listen", paramLabel = "MULTIADDR", split = ",",
            description = "libp2p listen address(es) (default: listen= in DIR/node.conf, else " + DEFAULT_LISTEN
                    + "; port 0 = any free port).")
    List<String> listen;

    NodeCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = options.dataDir();
        Properties given = options.commandLine();
        if (listen != null) {
            given.setProperty("listen", String.join(",", listen));
        }
        Properties settings = options.effective(given);
        settings.putIfAbsent("listen", DEFAULT_LISTEN);
        Ed25519KeyPair identity = NodeSetup.identity(dir);
        NodeConfig config = NodeConfig.defaults(identity, options.oracle(settings)).withDataDir(dir)
                .withHost(HostConfig.defaults().withListenAddresses(UserNodeOptions.multiaddrs(settings, "listen", "--listen")))
                .withBootstrap(UserNodeOptions.multiaddrs(settings, "bootstrap", "--bootstrap"));
        Node node = Node.start(config);
        ControlServer control;
        try {
            control = ControlServer.start(new NodeActions(node), dir, identity.publicKey().address(), env.random());
            options.save(given);
        } catch (IOException | CliFailure | RuntimeException e) {
            node.close();
            throw e;
        }
        return run(node, control, !config.bootstrap().isEmpty());
    }

    private int run(Node node, ControlServer control, boolean hasBootstrap) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            node.close();
            stopped.countDown();
        }, "node-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("account: " + node.account().address());
        for (Multiaddr a : node.addresses()) {
            out.println("listening: " + a);
        }
        out.println("control: " + control.uri().toString().replaceAll("/$", ""));
        out.flush();
        if (node.connectedPeers().isEmpty() && !hasBootstrap) {
            out.println("note: no bootstrap peers: others can join through this node, it joins nobody");
        }
        node.joined().whenComplete((v, e) -> {
            if (!hasBootstrap) {
                return;
            }
            out.println(e == null ? "joined: the overlay (" + node.connectedPeers().size() + " peers connected)"
                    : "warning: could not join the overlay: " + e.getMessage());
            out.flush();
        });
        stopped.await();
        return 0;
    }
}
