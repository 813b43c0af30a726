package io.solcial.cli;

import io.solcial.identity.ScryptParams;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Runs {@code solcial} in-process with a controlled environment and captured output. */
final class CliHarness {
    /** 1 MiB scrypt so tests stay fast; the launcher uses ScryptParams.defaults(). */
    static final ScryptParams CHEAP = new ScryptParams(1 << 10, 8, 1);

    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private final Map<String, String> variables = new HashMap<>();
    private Deque<String> terminalAnswers;
    final List<String> prompts = new ArrayList<>();

    CliHarness env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** A terminal that answers the given lines in order (null once they run out). */
    CliHarness terminal(String... answers) {
        terminalAnswers = new ArrayDeque<>(List.of(answers));
        return this;
    }

    Result run(String... args) {
        Optional<CliEnvironment.PasswordReader> terminal = terminalAnswers == null ? Optional.empty()
                : Optional.of(prompt -> {
                    prompts.add(prompt);
                    String next = terminalAnswers.poll();
                    return next == null ? null : next.toCharArray();
                });
        CliEnvironment env = new CliEnvironment(variables, terminal, new SecureRandom(), CHEAP);
        CommandLine cmd = SolcialMain.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }
}
