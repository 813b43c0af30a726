package io.solcial.cli;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Keystore;
import io.solcial.identity.SolanaKeypairFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code solcial id export}: decrypt a keystore into a Solana CLI keypair file (for solana-keygen, wallets). */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Decrypt a keystore into a Solana CLI keypair file (secret key in clear, owner-only).")
final class IdExportCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "The keystore to decrypt.")
    Path keystore;

    @Option(names = "--out", required = true, paramLabel = "KEYPAIR.json", description = "The keypair file to write.")
    Path out;

    @Option(names = "--force", description = "Replace KEYPAIR.json if it exists.")
    boolean force;

    @Mixin
    PassphraseOptions passphrase;

    IdExportCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        OutputFiles.refuseExisting(out, force);
        char[] pass = passphrase.forUnlocking(env, keystore);
        Ed25519KeyPair keyPair;
        try {
            keyPair = Keystore.unlock(keystore, pass);
        } finally {
            Arrays.fill(pass, '\0');
        }
        SolanaKeypairFile.write(out, keyPair, force);
        IdentityPrinter.print(spec.commandLine().getOut(), keyPair.publicKey());
        return 0;
    }
}
