package io.solcial.beacon.gateway.http;

/** Answers one routed request. Runs on a gateway worker thread, never on a Netty event loop. */
@FunctionalInterface
public interface Handler {

    /**
     * The response; {@link HttpError} for a refusal the client should see, any other exception
     * for a server fault (answered with a 500 and logged once).
     */
    Response handle(Request request) throws Exception;
}
