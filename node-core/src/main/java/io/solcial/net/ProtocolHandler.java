package io.solcial.net;

import java.util.Objects;
import java.util.function.Supplier;

/** A protocol the host serves: its id and a factory for the handler of each inbound stream. */
public record ProtocolHandler(String protocolId, Supplier<StreamHandler> handlers) {
    public ProtocolHandler {
        Objects.requireNonNull(handlers, "handlers");
        if (!protocolId.startsWith("/") || protocolId.contains("\n")) {
            throw new IllegalArgumentException("invalid protocol id: " + protocolId);
        }
    }
}
