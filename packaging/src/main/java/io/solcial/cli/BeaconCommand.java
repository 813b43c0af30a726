package io.solcial.cli;

import io.solcial.beacon.Beacon;
import io.solcial.beacon.gateway.GatewayConfig;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Multiaddr;
import io.solcial.node.NodeConfig;
import io.solcial.node.OracleFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code solcial beacon}: the headless beacon. Prints {@code listening: …/p2p/ID} and
 * {@code gateway: http://…/} once serving, runs until SIGTERM / SIGINT and then stops gracefully.
 * Options may also come from a properties file ({@code --config}); the command line wins.
 */
@Command(name = "beacon", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run a beacon: a headless node that replicates and serves every log, with the HTTP gateway.",
                "Config file keys (properties): data, listen, http, chain, rpc, mint, bootstrap, member "
                        + "(lists comma-separated)."})
final class BeaconCommand implements Callable<Integer> {
    static final String DEFAULT_LISTEN = "/ip4/127.0.0.1/tcp/4001";
    static final String DEFAULT_HTTP = "127.0.0.1:8080";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file with any of the options below.")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (database, identity.json); created if missing.")
    Path data;

    @Option(names = "--listen", paramLabel = "MULTIADDR", split = ",",
            description = "libp2p listen address(es) (default: " + DEFAULT_LISTEN + "; port 0 = any free port).")
    List<String> listen;

    @Option(names = "--http", paramLabel = "HOST:PORT", description = "Gateway address (default: " + DEFAULT_HTTP + ").")
    String http;

    @Mixin
    MembershipOptions membership;

    @Option(names = "--bootstrap", paramLabel = "MULTIADDR", split = ",", description = "Overlay contacts (…/p2p/ID).")
    List<String> bootstrap;

    @Override
    public Integer call() throws Exception {
        Properties file = loadConfig();
        Path dataDir = data != null ? data : file.containsKey("data") ? Path.of(file.getProperty("data")) : null;
        if (dataDir == null) {
            throw new CliFailure("--data DIR is required (or 'data' in the --config file)");
        }
        List<Multiaddr> listenAddrs = NodeSetup.multiaddrs("--listen", or(listen, file, "listen", DEFAULT_LISTEN));
        NodeSetup.HostPort httpAddr = NodeSetup.hostPort("--http", or(http, file, "http", DEFAULT_HTTP));
        List<Multiaddr> contacts = NodeSetup.multiaddrs("--bootstrap", or(bootstrap, file, "bootstrap", ""));
        List<Ed25519PublicKey> memberKeys = NodeSetup.addresses("--member", or(membership.members, file, "member", ""));
        OracleFactory oracle = NodeSetup.chain(or(membership.chain, file, "chain", null),
                or(membership.rpc, file, "rpc", null), or(membership.mint, file, "mint", null), memberKeys);
        Ed25519KeyPair identity = NodeSetup.identity(dataDir);
        NodeConfig node = NodeConfig.defaults(identity, oracle).withDataDir(dataDir)
                .withHost(Beacon.hostConfig(listenAddrs)).withBootstrap(contacts);
        return run(Beacon.start(node, GatewayConfig.of(httpAddr.host(), httpAddr.port())));
    }

    private int run(Beacon beacon) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            beacon.close();
            stopped.countDown();
        }, "beacon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("account: " + beacon.node().account().address());
        beacon.addresses().forEach(a -> out.println("listening: " + a));
        out.println("gateway: " + beacon.gatewayUri());
        out.flush();
        stopped.await();
        return 0;
    }

    private Properties loadConfig() throws IOException, CliFailure {
        Properties p = new Properties();
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new CliFailure("no such config file: " + config);
            }
            try (InputStream in = Files.newInputStream(config)) {
                p.load(in);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(config + ": malformed properties: " + e.getMessage());
            }
            List<String> known = List.of("data", "listen", "http", "chain", "rpc", "mint", "bootstrap", "member");
            for (String key : p.stringPropertyNames()) {
                if (!known.contains(key)) {
                    throw new CliFailure(config + ": unknown key '" + key + "' (known: " + String.join(", ", known) + ")");
                }
            }
        }
        return p;
    }

    private static String or(String value, Properties file, String key, String fallback) {
        return value != null ? value : file.getProperty(key, fallback);
    }

    private static List<String> or(List<String> value, Properties file, String key, String fallback) {
        if (value != null) {
            return value;
        }
        String v = file.getProperty(key, fallback);
        return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
