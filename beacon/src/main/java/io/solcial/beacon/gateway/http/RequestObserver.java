package io.solcial.beacon.gateway.http;

/** Told about every answered request, e.g. to feed a latency histogram. */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = (route, method, status, nanos) -> { };

    /**
     * @param route  the matched route's pattern, or {@code "unmatched"}
     * @param nanos  from the request's arrival to the end of its response body
     */
    void observe(String route, String method, int status, long nanos);
}
