package io.solcial.cli;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Keystore;
import io.solcial.identity.SolanaKeypairFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code solcial id new}: generate a key pair into a Solana CLI keypair file or a keystore. */
@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Generate a new identity and print its peer id and wallet address.")
final class IdNewCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "Write a Solana CLI keypair file (secret key in clear, owner-only).")
        Path out;

        @Option(names = "--keystore", required = true, paramLabel = "FILE",
                description = "Write a passphrase-encrypted Solcial keystore.")
        Path keystore;
    }

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Mixin
    PassphraseOptions passphrase;

    IdNewCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (target.out != null && passphrase.given()) {
            throw new ParameterException(spec.commandLine(), "--passphrase-file applies only with --keystore");
        }
        OutputFiles.refuseExisting(target.out != null ? target.out : target.keystore, force);
        Ed25519KeyPair keyPair = Ed25519KeyPair.generate(env.random());
        if (target.out != null) {
            SolanaKeypairFile.write(target.out, keyPair, force);
        } else {
            char[] pass = passphrase.forNewKeystore(env);
            try {
                new Keystore(env.kdf(), env.random()).write(target.keystore, keyPair, pass, force);
            } finally {
                Arrays.fill(pass, '\0');
            }
        }
        IdentityPrinter.print(spec.commandLine().getOut(), keyPair.publicKey());
        return 0;
    }
}
