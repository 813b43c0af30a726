package io.solcial.cli;

import io.solcial.chain.LocalRegistry;
import io.solcial.chain.SolanaMembershipOracle;
import io.solcial.chain.SolanaOracleConfig;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.SolanaKeypairFile;
import io.solcial.multiformats.Multiaddr;
import io.solcial.node.OracleFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the node-running commands share: the node's key in its data directory, the chain, addresses. */
final class NodeSetup {
    /** The node's key pair, a Solana CLI keypair file (owner-only), created on first start. */
    static final String IDENTITY_FILE = "identity.json";

    private NodeSetup() {
    }

    /** The key in {@code dataDir}/identity.json, created there (owner-only) when missing. */
    static Ed25519KeyPair identity(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(IDENTITY_FILE);
        if (Files.exists(file)) {
            return SolanaKeypairFile.read(file);
        }
        Ed25519KeyPair keys = Ed25519KeyPair.generate();
        SolanaKeypairFile.write(file, keys, false);
        return keys;
    }

    /**
     * {@code local}: the embedded registry in the node's own database; otherwise a Solana JSON-RPC
     * endpoint and the membership mint.
     */
    static OracleFactory chain(String chain, String rpc, String mint, List<Ed25519PublicKey> members) throws CliFailure {
        OracleFactory oracle = chain(chain, rpc, mint);
        if (members.isEmpty()) {
            return oracle;
        }
        if (rpc != null) {
            throw new CliFailure("--member registers in the local registry; with --rpc, register on chain (solcial registrar register)");
        }
        return db -> {
            LocalRegistry registry = new LocalRegistry(db);
            for (Ed25519PublicKey k : members) {
                registry.register(k);
            }
            return registry;
        };
    }

    static OracleFactory chain(String chain, String rpc, String mint) throws CliFailure {
        if (rpc == null) {
            if (chain != null && !chain.equals("local")) {
                throw new CliFailure("--chain must be 'local' (or give --rpc URL --mint MINT)");
            }
            if (mint != null) {
                throw new CliFailure("--mint needs --rpc");
            }
            return LocalRegistry::new;
        }
        if (chain != null && !chain.equals("solana")) {
            throw new CliFailure("--chain local cannot be combined with --rpc");
        }
        if (mint == null) {
            throw new CliFailure("--rpc needs --mint MINT (the membership mint)");
        }
        Ed25519PublicKey mintKey = address("--mint", mint);
        URI endpoint;
        try {
            endpoint = URI.create(rpc);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--rpc: " + e.getMessage());
        }
        SolanaOracleConfig config = SolanaOracleConfig.defaults(endpoint, mintKey);
        return db -> new SolanaMembershipOracle(config);
    }

    static Ed25519PublicKey address(String option, String value) throws CliFailure {
        try {
            return Ed25519PublicKey.fromAddress(value);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(option + ": not a Solana address (" + e.getMessage() + ")");
        }
    }

    static List<Ed25519PublicKey> addresses(String option, List<String> values) throws CliFailure {
        List<Ed25519PublicKey> out = new ArrayList<>();
        for (String v : values) {
            out.add(address(option, v.trim()));
        }
        return out;
    }

    static List<Multiaddr> multiaddrs(String option, List<String> values) throws CliFailure {
        List<Multiaddr> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(Multiaddr.parse(v.trim()));
            } catch (IllegalArgumentException e) {
                throw new CliFailure(option + ": not a multiaddr: " + v + " (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** {@code HOST:PORT} (IPv6 in brackets); port 0 picks a free port. */
    static HostPort hostPort(String option, String value) throws CliFailure {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new CliFailure(option + " must look like HOST:PORT, got " + value);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException("out of range");
            }
            return new HostPort(host, port);
        } catch (NumberFormatException e) {
            throw new CliFailure(option + ": bad port in " + value);
        }
    }

    record HostPort(String host, int port) {
    }
}
