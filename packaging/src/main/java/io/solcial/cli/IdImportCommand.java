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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code solcial id import}: encrypt an existing Solana CLI keypair file into a keystore. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Encrypt a Solana CLI keypair file into a Solcial keystore.")
final class IdImportCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEYPAIR.json", description = "The Solana CLI keypair file to import.")
    Path keypairFile;

    @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "The keystore to write.")
    Path keystore;

    @Option(names = "--force", description = "Replace the keystore if it exists.")
    boolean force;

    @Mixin
    PassphraseOptions passphrase;

    IdImportCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        OutputFiles.refuseExisting(keystore, force);
        Ed25519KeyPair keyPair = SolanaKeypairFile.read(keypairFile);
        char[] pass = passphrase.forNewKeystore(env);
        try {
            new Keystore(env.kdf(), env.random()).write(keystore, keyPair, pass, force);
        } finally {
            Arrays.fill(pass, '\0');
        }
        IdentityPrinter.print(spec.commandLine().getOut(), keyPair.publicKey());
        return 0;
    }
}
