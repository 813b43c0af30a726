package io.solcial.cli;

import io.solcial.identity.ScryptParams;
import java.io.Console;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * What the commands take from the outside world, so that tests can supply their own: environment
 * variables, the interactive terminal (absent when stdin/stdout are not a console), randomness,
 * and the keystore's KDF cost.
 */
public record CliEnvironment(
        Map<String, String> variables, Optional<PasswordReader> terminal, SecureRandom random, ScryptParams kdf) {

    public static final String PASSPHRASE_VARIABLE = "SOLCIAL_PASSPHRASE";
    public static final String DEBUG_VARIABLE = "SOLCIAL_DEBUG";

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    public static CliEnvironment system() {
        Console console = System.console();
        Optional<PasswordReader> terminal =
                console == null ? Optional.empty() : Optional.of(prompt -> console.readPassword("%s", prompt));
        return new CliEnvironment(System.getenv(), terminal, new SecureRandom(), ScryptParams.defaults());
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    public boolean debug() {
        return variable(DEBUG_VARIABLE).filter(v -> !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false"))
                .isPresent();
    }

    /** Reads a line without echo; null at end of input. */
    @FunctionalInterface
    public interface PasswordReader {
        char[] readPassword(String prompt);
    }
}
