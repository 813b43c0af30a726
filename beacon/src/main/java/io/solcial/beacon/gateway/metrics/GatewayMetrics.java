package io.solcial.beacon.gateway.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.solcial.beacon.gateway.http.Request;
import io.solcial.beacon.gateway.http.RequestObserver;
import io.solcial.beacon.gateway.http.Response;
import io.solcial.beacon.gateway.http.Router;
import io.solcial.node.NodeStatus;
import io.solcial.node.SocialReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * {@code /metrics} in the Prometheus text format (the node's counters from {@link NodeStatus},
 * read once per scrape, and a request latency histogram per route, method and status code) and
 * {@code /healthz}. Its own registry: nothing global.
 */
public final class GatewayMetrics implements RequestObserver {
    private static final double[] LATENCY_BOUNDS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final SocialReader reader;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram latency;
    private final java.util.Map<Gauge, ToDoubleFunction<NodeStatus>> gauges = new java.util.LinkedHashMap<>();

    public GatewayMetrics(SocialReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.latency = Histogram.builder()
                .name("solcial_gateway_request_duration_seconds")
                .help("HTTP gateway requests: time from arrival to the end of the response")
                .labelNames("route", "method", "code")
                .classicOnly()
                .classicUpperBounds(LATENCY_BOUNDS)
                .register(registry);
        gauge("solcial_peers", "open libp2p connections", NodeStatus::peers);
        gauge("solcial_overlay_active_view", "peers in the overlay active view", NodeStatus::activeView);
        gauge("solcial_overlay_passive_view", "peers in the overlay passive view", NodeStatus::passiveView);
        gauge("solcial_authors", "authors whose logs this node holds", NodeStatus::authors);
        gauge("solcial_entries", "log entries held", NodeStatus::entries);
        gauge("solcial_blocks", "blocks in the store", NodeStatus::blocks);
        gauge("solcial_block_bytes", "bytes of block data in the store", NodeStatus::blockBytes);
        gauge("solcial_bans", "banned peers", NodeStatus::bans);
    }

    private void gauge(String name, String help, ToDoubleFunction<NodeStatus> value) {
        gauges.put(Gauge.builder().name(name).help(help).register(registry), value);
    }

    public void register(Router router) {
        router.get("/metrics", this::metrics);
        router.get("/healthz", this::health);
    }

    @Override
    public void observe(String route, String method, int status, long nanos) {
        latency.labelValues(route, method, Integer.toString(status)).observe(nanos / 1e9);
    }

    Response metrics(Request request) throws IOException {
        NodeStatus status = reader.status();
        gauges.forEach((gauge, value) -> gauge.set(value.applyAsDouble(status)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        return Response.bytes(200, writer.getContentType(), out.toByteArray()).header("cache-control", "no-store");
    }

    Response health(Request request) {
        NodeStatus status = reader.status();
        return Response.text(200, "ok: " + status.authors() + " authors, " + status.entries() + " entries, "
                + status.peers() + " peers").header("cache-control", "no-store");
    }
}
