package io.solcial.net.yamux;

import io.solcial.net.ProtocolHandler;
import io.solcial.net.StreamHandler;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The protocols served on inbound streams: which ids we accept, and a handler per stream. */
public interface InboundProtocols {

    boolean supports(String protocolId);

    /** A fresh handler for one inbound stream of {@code protocolId}; empty if no longer served. */
    Optional<StreamHandler> handlerFor(String protocolId);

    /** Reads {@code live} on every stream, so protocols added later are served too. */
    static InboundProtocols of(Map<String, ProtocolHandler> live) {
        return new InboundProtocols() {
            @Override
            public boolean supports(String protocolId) {
                return live.containsKey(protocolId);
            }

            @Override
            public Optional<StreamHandler> handlerFor(String protocolId) {
                return Optional.ofNullable(live.get(protocolId)).map(p -> p.handlers().get());
            }
        };
    }

    static InboundProtocols of(Collection<ProtocolHandler> protocols) {
        return of(Map.copyOf(protocols.stream()
                .collect(Collectors.toMap(ProtocolHandler::protocolId, Function.identity()))));
    }

    static InboundProtocols none() {
        return of(Map.of());
    }
}
