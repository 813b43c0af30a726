package io.solcial.cli;

import io.solcial.chain.RpcSettings;
import io.solcial.identity.Ed25519PublicKey;
import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --rpc URL}, shared by the chain commands, and parsing of addresses and keypair files. */
final class ChainOptions {
    @Option(names = "--rpc", required = true, paramLabel = "URL", description = "Solana JSON-RPC endpoint (http or https).")
    String rpc;

    RpcSettings settings(CommandSpec spec) {
        try {
            return RpcSettings.defaults(URI.create(rpc));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--rpc: " + e.getMessage());
        }
    }

    static Ed25519PublicKey address(CommandSpec spec, String option, String value) {
        try {
            return Ed25519PublicKey.fromAddress(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": not a Solana address (" + e.getMessage() + ")");
        }
    }

    /** The payer's Solana CLI keypair file. */
}
