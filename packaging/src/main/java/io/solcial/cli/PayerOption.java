package io.solcial.cli;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.SolanaKeypairFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --payer KEYFILE}, shared by the registrar commands: pays fees and is the mints' authority. */
final class PayerOption {
    @Option(names = "--payer", required = true, paramLabel = "KEYFILE",
            description = "Solana CLI keypair file of the payer (pays the fees; the mint's authority).")
    Path file;

    Ed25519KeyPair keyPair() throws IOException {
        return SolanaKeypairFile.read(file);
    }
}
