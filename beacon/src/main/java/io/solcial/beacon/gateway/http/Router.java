package io.solcial.beacon.gateway.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a method and path to a handler. Patterns are literal segments and {@code {name}}
 * parameters, each matching one non-empty segment; a last {@code {name...}} matches the rest of
 * the path (one or more segments). Routes are tried in the order they were added. A GET route
 * answers HEAD too (the dispatcher drops the body).
 */
public final class Router {

    /** A registered route: its pattern (also the metrics label), methods and handler. */
    public record Route(String pattern, Set<String> methods, Handler handler) {
        public Route {
            Objects.requireNonNull(pattern, "pattern");
            methods = Set.copyOf(methods);
            Objects.requireNonNull(handler, "handler");
        }
    }

    /** The outcome of routing a request. */
    public sealed interface Match {
        /** A route matched; {@code params} are the bound path parameters. */
        record Found(Route route, Map<String, String> params) implements Match {
        }

        /** No pattern matches the path. */
        record NotFound() implements Match {
        }

        /** Some pattern matches the path, but not for this method. */
        record MethodNotAllowed(Set<String> allowed) implements Match {
        }
    }

    private record Compiled(Route route, List<String> segments) {
    }

    private final List<Compiled> routes = new ArrayList<>();

    /** Adds a GET (and HEAD) route. */
    public Router get(String pattern, Handler handler) {
        return add(pattern, Set.of("GET", "HEAD"), handler);
    }

    public Router add(String pattern, Set<String> methods, Handler handler) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("pattern must start with /: " + pattern);
        }
        List<String> segments = split(pattern);
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).endsWith("...}")) {
                throw new IllegalArgumentException("a rest parameter must come last: " + pattern);
            }
        }
        routes.add(new Compiled(new Route(pattern, methods, handler), segments));
        return this;
    }

    public Match route(String method, String path) {
        List<String> segments = split(path);
        Set<String> allowed = new TreeSet<>();
        for (Compiled c : routes) {
            Optional<Map<String, String>> params = bind(c.segments(), segments);
            if (params.isEmpty()) {
                continue;
            }
            if (c.route().methods().contains(method)) {
                return new Match.Found(c.route(), params.get());
            }
            allowed.addAll(c.route().methods());
        }
        return allowed.isEmpty() ? new Match.NotFound() : new Match.MethodNotAllowed(allowed);
    }

    private static Optional<Map<String, String>> bind(List<String> pattern, List<String> path) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("...}")) {
                if (i >= path.size()) {
                    return Optional.empty();
                }
                params.put(p.substring(1, p.length() - 4), String.join("/", path.subList(i, path.size())));
                return Optional.of(params);
            }
            if (i >= path.size()) {
                return Optional.empty();
            }
            String s = path.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                if (s.isEmpty()) {
                    return Optional.empty();
                }
                params.put(p.substring(1, p.length() - 1), s);
            } else if (!p.equals(s)) {
                return Optional.empty();
            }
        }
        return pattern.size() == path.size() ? Optional.of(params) : Optional.empty();
    }

    /** "/" → []; "/a/b" → [a, b]; "/a/" → [a, ""] (a trailing slash is a distinct, empty segment). */
    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        if (path.equals("/")) {
            return out;
        }
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                out.add(path.substring(start));
                return out;
            }
            out.add(path.substring(start, slash));
            start = slash + 1;
        }
    }
}
