package io.solcial.beacon.gateway.http;

/**
 * A request the gateway refuses, with the status and a short message for the client (no stack
 * trace, no internals). Handlers throw it; the dispatcher turns it into a response.
 */
public final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpError(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public int status() {
        return status;
    }
}
