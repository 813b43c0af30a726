package io.solcial.cli;

import io.solcial.multiformats.Multiaddr;
import io.solcial.node.OracleFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a user's node lives and how it reaches the network. Options not given on the command line
 * come from {@code DIR/node.conf} (properties: listen, bootstrap, chain, rpc, mint), which
 * {@code solcial node} writes with the network options it was started with; so the other commands,
 * when they start the node briefly, reach the same network.
 */
final class UserNodeOptions {
    static final String SETTINGS_FILE = "node.conf";
    private static final List<String> KEYS = List.of("listen", "bootstrap", "chain", "rpc", "mint");
    private static final List<String> CHAIN_KEYS = List.of("chain", "rpc", "mint");

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "The node's data directory (identity.json, database, node.conf); created if missing.")
    Path data;

    @Option(names = "--bootstrap", paramLabel = "MULTIADDR", split = ",",
            description = "Peers to join through (…/p2p/ID), e.g. a beacon. Default: bootstrap= in DIR/node.conf.")
    List<String> bootstrap;

    @Mixin
    MembershipOptions membership;

    Path dataDir() {
        return data;
    }

    /** The network settings given on this command line, as node.conf keys. */
    Properties commandLine() {
        Properties p = new Properties();
        if (bootstrap != null) {
            p.setProperty("bootstrap", String.join(",", bootstrap));
        }
        MembershipOptions m = membership;
        if (m.chain != null || m.rpc != null || m.mint != null) {
            p.setProperty("chain", m.chain != null ? m.chain : m.rpc != null ? "solana" : "local");
            setIf(p, "rpc", m.rpc);
            setIf(p, "mint", m.mint);
        }
        return p;
    }

    /** DIR/node.conf, empty when there is none. */
    Properties saved() throws IOException, CliFailure {
        Path file = data.resolve(SETTINGS_FILE);
        Properties p = new Properties();
        if (!Files.exists(file)) {
            return p;
        }
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(file + ": malformed properties: " + e.getMessage());
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new CliFailure(file + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        return p;
    }

    /** node.conf overlaid with {@code given}; a chain given on the command line replaces the file's as a whole. */
    Properties effective(Properties given) throws IOException, CliFailure {
        Properties p = saved();
        if (given.containsKey("chain")) {
            CHAIN_KEYS.forEach(p::remove);
        }
        p.putAll(given);
        return p;
    }

    /** Remembers {@code given} in DIR/node.conf (keeping the keys not given). */
    void save(Properties given) throws IOException, CliFailure {
        if (given.isEmpty()) {
            return;
        }
        Properties p = effective(given);
        try (OutputStream out = Files.newOutputStream(data.resolve(SETTINGS_FILE))) {
            p.store(out, "network settings of this node, written by 'solcial node'; command-line options win");
        }
    }

    static List<Multiaddr> multiaddrs(Properties settings, String key, String option) throws CliFailure {
        return NodeSetup.multiaddrs(option, list(settings.getProperty(key, "")));
    }

    OracleFactory oracle(Properties settings) throws CliFailure {
        return NodeSetup.chain(settings.getProperty("chain"), settings.getProperty("rpc"), settings.getProperty("mint"),
                NodeSetup.addresses("--member", membership.members == null ? List.of() : membership.members));
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    private static void setIf(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }
}
