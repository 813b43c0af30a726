package io.solcial.beacon.gateway.ipfs;

import io.solcial.beacon.gateway.http.HttpError;
import io.solcial.beacon.gateway.http.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The response format a trustless request asks for: {@code ?format=raw|car} first, then the
 * {@code Accept} header (RFC 9110 §12.5.1, highest q wins), with the CAR parameters of IPIP-412:
 * {@code version} 1 only, {@code order} {@code dfs} (or {@code unk}, answered as dfs),
 * {@code dups} y or n (default n), also as {@code car-version}, {@code car-order}, {@code car-dups}
 * query parameters, which take precedence.
 */
sealed interface Format {
    String RAW_TYPE = "application/vnd.ipld.raw";
    String CAR_TYPE = "application/vnd.ipld.car";

    /** A single block. */
    record Raw() implements Format {
    }

    /** A CARv1 stream in depth-first order; {@code dups}: repeated blocks are sent every time. */
    record Car(boolean dups) implements Format {
        String contentType() {
            return CAR_TYPE + "; version=1; order=dfs; dups=" + (dups ? "y" : "n");
        }
    }

    static Format of(Request request) throws HttpError {
        Optional<String> format = request.query("format");
        Optional<Map<String, String>> accepted = request.header("accept").flatMap(Format::bestAccepted);
        if (format.isPresent()) {
            switch (format.get()) {
                case "raw":
                    return new Raw();
                case "car":
                    Map<String, String> params = accepted.filter(p -> CAR_TYPE.equals(p.get(""))).orElse(Map.of());
                    return car(request, params);
                default:
                    throw new HttpError(406, "unsupported format " + format.get() + ": this trustless gateway serves raw and car");
            }
        }
        if (accepted.isPresent()) {
            return RAW_TYPE.equals(accepted.get().get("")) ? new Raw() : car(request, accepted.get());
        }
        if (request.header("accept").isEmpty()) {
            throw HttpError.badRequest("this is a trustless gateway: ask for " + RAW_TYPE + " or " + CAR_TYPE
                    + " (Accept header or ?format=raw|car)");
        }
        throw new HttpError(406, "this trustless gateway serves only " + RAW_TYPE + " and " + CAR_TYPE
                + " (CARv1, order=dfs)");
    }

    private static Car car(Request request, Map<String, String> accept) throws HttpError {
        String version = request.query("car-version").orElse(accept.getOrDefault("version", "1"));
        String order = request.query("car-order").orElse(accept.getOrDefault("order", "dfs"));
        String dups = request.query("car-dups").orElse(accept.getOrDefault("dups", "n"));
        if (!version.equals("1")) {
            throw new HttpError(406, "only CAR version 1 is served");
        }
        if (!order.equals("dfs") && !order.equals("unk")) {
            throw new HttpError(406, "CAR order " + order + " is not served (dfs only)");
        }
        if (!dups.equals("y") && !dups.equals("n")) {
            throw HttpError.badRequest("dups must be y or n");
        }
        return new Car(dups.equals("y"));
    }

    /** The acceptable media range with the highest q, as its params plus "" → type; empty if none is. */
    private static Optional<Map<String, String>> bestAccepted(String header) {
        Map<String, String> best = null;
        double bestQ = 0;
        for (String item : header.split(",")) {
            Map<String, String> params = parseRange(item);
            double q = quality(params.get("q"));
            if (q > bestQ && supported(params)) {
                best = params;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean supported(Map<String, String> range) {
        String type = range.get("");
        if (RAW_TYPE.equals(type)) {
            return true;
        }
        return CAR_TYPE.equals(type) && range.getOrDefault("version", "1").equals("1")
                && List.of("dfs", "unk").contains(range.getOrDefault("order", "dfs"))
                && List.of("y", "n").contains(range.getOrDefault("dups", "n"));
    }

    private static Map<String, String> parseRange(String item) {
        List<String> parts = new ArrayList<>(List.of(item.split(";")));
        Map<String, String> params = new HashMap<>();
        params.put("", parts.remove(0).trim().toLowerCase(Locale.ROOT));
        for (String p : parts) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim().replace("\"", ""));
            }
        }
        return params;
    }

    private static double quality(String q) {
        if (q == null) {
            return 1;
        }
        try {
            double value = Double.parseDouble(q);
            return value >= 0 && value <= 1 ? value : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
