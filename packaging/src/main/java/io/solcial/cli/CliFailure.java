package io.solcial.cli;

/** A runtime failure the user can act on; reported as a one-line {@code error: ...}, exit code 1. */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message);
    }
}
