package io.solcial.cli;

import picocli.CommandLine;

/**
 * The one launcher: {@code solcial <subcommand>}. A plain main class (never a JavaFX
 * {@code Application}), so headless subcommands load no JavaFX class and the fat jar starts.
 *
 * <p>Exit codes: 0 success, 1 runtime failure ({@code error: ...} on stderr), 2 usage error
 * (message and usage on stderr).
 */
public final class SolcialMain {
    private SolcialMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(CliEnvironment.system()).execute(args));
    }

    /** The configured command tree; tests run it in-process with their own environment and streams. */
    public static CommandLine commandLine(CliEnvironment env) {
        CommandLine cmd = new CommandLine(new SolcialCommand(), new CliFactory(env));
        cmd.setExecutionExceptionHandler(new ErrorReporter(env));
        return cmd;
    }
}
