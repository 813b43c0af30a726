package io.solcial.cli;

import io.solcial.cli.control.ActionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns an exception from a command into one line {@code error: ...} on stderr and exit code 1.
 * The stack trace follows only with {@code --verbose} or {@code SOLCIAL_DEBUG}. Messages of our
 * exceptions never hold secrets.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_FAILURE = 1;

    private final CliEnvironment env;

    ErrorReporter(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("error: " + describe(e));
        if (verbose(parseResult) || env.debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    static String describe(Throwable e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " already exists; refusing to overwrite it (use --force to replace it)";
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? e.getClass().getSimpleName() : f.getReason());
        }
        String message = e.getMessage();
        if (e instanceof CliFailure || e instanceof IOException || e instanceof ActionException
                || e instanceof io.solcial.content.StoreException
                || e instanceof io.solcial.identity.WrongPassphraseException
                || e instanceof io.solcial.membership.ChainLookupException
                || e instanceof io.solcial.chain.TransactionFailedException
                || e instanceof io.solcial.chain.RegistrarException) {
            return message == null ? e.getClass().getSimpleName() : message;
        }
        return "unexpected " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                + " (run with --verbose for details)";
    }

    private static boolean verbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
