package io.solcial.beacon.gateway;

import io.solcial.beacon.gateway.api.JsonApi;
import io.solcial.beacon.gateway.http.HttpServer;
import io.solcial.beacon.gateway.http.Router;
import io.solcial.beacon.gateway.ipfs.TrustlessGateway;
import io.solcial.beacon.gateway.metrics.GatewayMetrics;
import io.solcial.beacon.gateway.web.WebPages;
import io.solcial.node.SocialReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * The beacon's HTTP gateway over a {@link SocialReader}: the web mirror ({@code /},
 * {@code /u/{address}}, {@code /p/{cid}}, {@code /media/{cid}}), the JSON API ({@code /api/v1}),
 * the IPFS trustless gateway ({@code /ipfs/{cid}}), {@code /metrics} and {@code /healthz}.
 * See docs/gateway.md.
 *
 * <pre>{@code
 * try (Gateway gateway = new Gateway(reader, GatewayConfig.of("0.0.0.0", 8080))) {
 *     InetSocketAddress bound = gateway.start();
 *     ...
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    private final GatewayConfig config;
    private final HttpServer server;
    private InetSocketAddress address;

    public Gateway(SocialReader reader, GatewayConfig config) {
        this(reader, config, Clock.systemUTC());
    }

    /** {@code clock} is only used to show post ages ("5m", "3h"). */
    public Gateway(SocialReader reader, GatewayConfig config, Clock clock) {
        Objects.requireNonNull(reader, "reader");
        this.config = Objects.requireNonNull(config, "config");
        GatewayMetrics metrics = new GatewayMetrics(reader);
        Router router = new Router();
        new WebPages(reader, clock).register(router);
        new JsonApi(reader).register(router);
        new TrustlessGateway(reader).register(router);
        metrics.register(router);
        this.server = new HttpServer(config.limits(), router, metrics);
    }

    /** Binds and serves; returns the bound address (the real port when the config said 0). */
    public synchronized InetSocketAddress start() throws IOException {
        address = server.start(config.host(), config.port());
        return address;
    }

    /** {@code http://host:port/} of the running gateway. */
    public synchronized URI uri() {
        if (address == null) {
            throw new IllegalStateException("not started");
        }
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    /** Open client connections. */
    public int openConnections() {
        return server.openConnections();
    }

    /** Stops accepting, lets running requests finish (within the configured grace), closes all connections. */
    @Override
    public synchronized void close() {
        server.close();
        address = null;
    }
}
