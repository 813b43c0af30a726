package io.solcial.cli;

import io.solcial.beacon.gateway.GatewayConfig;
import io.solcial.node.Node;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code solcial demo}: a beacon and demo users on loopback, in this process; prints the gateway URL. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Start a local demo network (a beacon and demo users on loopback, embedded registry) and print the gateway URL.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", defaultValue = "3", description = "Demo users (default: ${DEFAULT-VALUE}, at most 8).")
    int users;

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "Gateway address (default: ${DEFAULT-VALUE}, any free port).")
    String http;

    @Option(names = "--headless", description = "Never open a window (the desktop app is not part of this build yet).")
    boolean headless;

    @Option(names = "--exit-after", paramLabel = "SECONDS", hidden = true,
            description = "Stop after this many seconds (for scripts and tests); default: run until interrupted.")
    Integer exitAfter;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true"); // the demo draws its pictures off-screen
        NodeSetup.HostPort addr = NodeSetup.hostPort("--http", http);
        PrintWriter out = spec.commandLine().getOut();
        out.println("starting a beacon and " + users + " demo users on loopback…");
        out.flush();
        DemoNetwork demo = DemoNetwork.start(users, GatewayConfig.of(addr.host(), addr.port()), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        for (int i = 0; i < demo.users().size(); i++) {
            Node u = demo.users().get(i);
            out.println("user: " + DemoNetwork.NAMES.get(i) + " " + u.account().address() + " "
                    + demo.beacon().gatewayUri().resolve("/u/" + u.account().address()));
        }
        out.println("gateway: " + demo.beacon().gatewayUri());
        out.println("press Ctrl-C to stop");
        out.flush();
        if (exitAfter != null) {
            if (!stopped.await(exitAfter, TimeUnit.SECONDS)) {
                demo.close();
            }
            return 0;
        }
        stopped.await();
        return 0;
    }
}
