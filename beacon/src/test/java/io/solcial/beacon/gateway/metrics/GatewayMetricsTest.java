package io.solcial.beacon.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.beacon.gateway.DemoGatewayTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest extends DemoGatewayTest {
    @Test
    void metricsExposeNodeCountersAndLatencyPerRoute() throws Exception {
        fx.get("/");
        fx.get("/p/" + fx.demo.welcome.cid());
        fx.get("/p/" + fx.demo.welcome.cid());
        fx.get("/nope");
        HttpResponse<String> r = fx.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        String text = r.body();
        assertTrue(text.contains("# TYPE solcial_peers gauge\nsolcial_peers 3.0\n"), text);
        assertTrue(text.contains("solcial_authors 5.0\n"));
        assertTrue(text.contains("solcial_overlay_active_view 2.0\n"));
        assertTrue(text.contains("solcial_overlay_passive_view 5.0\n"));
        assertTrue(text.contains("solcial_bans 1.0\n"));
        assertTrue(text.contains("solcial_entries " + fx.demo.network.status().entries() + ".0\n"));
        assertTrue(text.contains("solcial_block_bytes "));
        assertTrue(text.contains("# TYPE solcial_gateway_request_duration_seconds histogram"));
        assertTrue(text.contains("solcial_gateway_request_duration_seconds_count{code=\"200\",method=\"GET\",route=\"/p/{cid}\"} 2\n"), text);
        assertTrue(text.contains("solcial_gateway_request_duration_seconds_count{code=\"404\",method=\"GET\",route=\"unmatched\"} 1\n"), text);
        assertTrue(text.contains("solcial_gateway_request_duration_seconds_bucket{code=\"200\",method=\"GET\",route=\"/\",le=\"+Inf\"} 1\n"), text);
    }

    @Test
    void healthzSaysOk() throws Exception {
        HttpResponse<String> r = fx.get("/healthz");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("ok: 5 authors"), r.body());
    }
}
