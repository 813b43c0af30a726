package io.solcial.beacon.gateway.web;

import io.solcial.beacon.gateway.http.HttpError;
import io.solcial.beacon.gateway.http.Request;
import io.solcial.beacon.gateway.http.Response;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Multihash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's own stylesheet, script and icon, read from the classpath once. Only these names
 * are served, so no request can reach any other resource.
 */
final class StaticAssets {
    private static final String BASE = "/io/solcial/beacon/gateway/web/static/";
    private static final Map<String, String> TYPES = Map.of(
            "site.css", "text/css; charset=utf-8",
            "verify.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private record Asset(String type, byte[] bytes, String etag) {
    }

    private final Map<String, Asset> assets;

    private StaticAssets(Map<String, Asset> assets) {
        this.assets = assets;
    }

    static StaticAssets load() {
        Map<String, Asset> assets = new java.util.HashMap<>();
        TYPES.forEach((name, type) -> {
            byte[] bytes = read(name);
            String etag = "\"" + Bytes.of(Multihash.sha256Digest(bytes)).toHex().substring(0, 16) + "\"";
            assets.put(name, new Asset(type, bytes, etag));
        });
        return new StaticAssets(Map.copyOf(assets));
    }

    Response handle(Request request) throws HttpError {
        Asset asset = Optional.ofNullable(assets.get(request.param("file")))
                .orElseThrow(() -> HttpError.notFound("no such file"));
        if (request.header("if-none-match").filter(asset.etag()::equals).isPresent()) {
            return Response.bytes(304, asset.type(), new byte[0]).header("etag", asset.etag());
        }
        return Response.bytes(200, asset.type(), asset.bytes())
                .header("etag", asset.etag())
                .header("cache-control", "public, max-age=300");
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing static asset " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
