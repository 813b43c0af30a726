package io.solcial.beacon.gateway.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed HTTP request without a body (the gateway accepts none).
 *
 * @param method  upper-case method, e.g. {@code GET}
 * @param path    the decoded path, starting with {@code /}
 * @param query   decoded query parameters in order of appearance
 * @param headers header values by lower-case name (repeated headers joined with {@code ", "})
 * @param params  path parameters bound by the route pattern
 */
public record Request(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
        Map<String, String> params) {

    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        params = Map.copyOf(params);
    }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** A path parameter of the matched route; the route guarantees it exists. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return value;
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }

    Request withParams(Map<String, String> bound) {
        return new Request(method, path, query, headers, bound);
    }
}
