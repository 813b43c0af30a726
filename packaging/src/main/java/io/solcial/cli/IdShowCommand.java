package io.solcial.cli;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.KeyFileFormat;
import io.solcial.identity.Keystore;
import io.solcial.identity.SolanaKeypairFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code solcial id show FILE}: the peer id and address of a keypair file or keystore. A keystore
 * needs no passphrase: its public fields are in clear (and validated).
 */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the peer id and wallet address of a keypair file or keystore.")
final class IdShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Solana CLI keypair file or Solcial keystore.")
    Path file;

    @Override
    public Integer call() throws Exception {
        Ed25519PublicKey key = switch (KeyFileFormat.detect(file)) {
            case SOLANA_KEYPAIR -> SolanaKeypairFile.read(file).publicKey();
            case KEYSTORE -> Keystore.readPublicKey(file);
        };
        IdentityPrinter.print(spec.commandLine().getOut(), key);
        return 0;
    }
}
