package io.solcial.cli;

import io.solcial.chain.Registrar;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code solcial registrar register}: one membership token to the wallet. */
@Command(name = "register", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Register a wallet: mint exactly one membership token to its associated token account.")
final class RegistrarRegisterCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    ChainOptions chain;

    @Mixin
    PayerOption payer;

    @Option(names = "--mint", required = true, paramLabel = "MINT", description = "The membership mint.")
    String mint;

    @Option(names = "--wallet", required = true, paramLabel = "ADDR", description = "The wallet to register.")
    String wallet;

    RegistrarRegisterCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        var mintKey = ChainOptions.address(spec, "--mint", mint);
        var walletKey = ChainOptions.address(spec, "--wallet", wallet);
        String signature = new Registrar(chain.settings(spec), env.random())
                .register(payer.keyPair(), mintKey, walletKey);
        spec.commandLine().getOut().println("registered: " + walletKey.address());
        spec.commandLine().getOut().println("signature: " + signature);
        return 0;
    }
}
