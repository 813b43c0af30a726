package io.solcial.beacon.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A gateway over a {@link DemoNetwork} on a free loopback port, and a client for it. */
public final class GatewayFixture implements AutoCloseable {
    public final DemoNetwork demo = new DemoNetwork();
    public final Gateway gateway;
    public final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayFixture() throws IOException {
        this(GatewayConfig.defaults());
    }

    public GatewayFixture(GatewayConfig config) throws IOException {
        gateway = new Gateway(demo.network, config, demo.network.clockAfter(90));
        gateway.start();
        base = gateway.uri();
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return client.send(request(path, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        return client.send(request(path, headers).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
