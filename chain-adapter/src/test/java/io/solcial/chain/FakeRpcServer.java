package io.solcial.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * A tiny HTTP server on 127.0.0.1 that answers every JSON-RPC POST with what {@code answer} makes
 * of (method, id), as a raw body: junk on purpose. A status of the form {@code "HTTP 503"} as the
 * whole answer sends that status with an empty body; {@code "HANG"} never answers.
 */
final class FakeRpcServer implements AutoCloseable {
    private final HttpServer server;
    private volatile BiFunction<String, Long, String> answer;

    FakeRpcServer(BiFunction<String, Long, String> answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-rpc");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            JsonNode request = JsonRpcClient.JSON.readTree(exchange.getRequestBody());
            String body = this.answer.apply(request.path("method").asText(), request.path("id").asLong());
            if (body.equals("HANG")) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            int status = 200;
            if (body.startsWith("HTTP ")) {
                status = Integer.parseInt(body.substring(5));
                body = "";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    void answer(BiFunction<String, Long, String> answer) {
        this.answer = answer;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
