package io.solcial.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --chain}, {@code --rpc}, {@code --mint} and {@code --member}: who may join, for the node-running commands. */
final class MembershipOptions {
    @Option(names = "--chain", paramLabel = "local|solana",
            description = "Membership registry: 'local' (embedded, default) or 'solana' (with --rpc and --mint).")
    String chain;

    @Option(names = "--rpc", paramLabel = "URL", description = "Solana JSON-RPC endpoint.")
    String rpc;

    @Option(names = "--mint", paramLabel = "MINT", description = "The membership mint (with --rpc).")
    String mint;

    @Option(names = "--member", paramLabel = "ADDR", split = ",",
            description = "With the local registry: register these wallets as members (kept in the node's database).")
    List<String> members;
}
