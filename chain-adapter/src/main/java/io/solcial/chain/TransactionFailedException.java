package io.solcial.chain;

import java.util.List;

/** A transaction the chain refused (in preflight simulation) or executed with an error. */
public final class TransactionFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final List<String> logs;

    TransactionFailedException(String message, String error, List<String> logs) {
        super(message);
        this.error = error;
        this.logs = List.copyOf(logs);
    }

    /** The chain's {@code err} value, as JSON. */
    public String error() {
        return error;
    }

    /** Program logs from the simulation, when the RPC gave them. */
    public List<String> logs() {
        return logs;
    }
}
