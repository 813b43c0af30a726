package io.solcial.beacon.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.net.NettyLeakExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server's HTTP behaviour over raw sockets: limits, errors, keep-alive, streaming, close. */
@ExtendWith(NettyLeakExtension.class)
class HttpServerTest {
    private static final HttpLimits LIMITS = new HttpLimits(256, 1024, 3, Duration.ofSeconds(5), 2, 8,
            Duration.ofSeconds(2));
    private final AtomicInteger observed = new AtomicInteger();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final Router router = new Router()
            .get("/hello", r -> Response.text(200, "hello " + r.query("name").orElse("you")))
            .get("/stream", r -> Response.stream(200, "application/octet-stream", out -> {
                byte[] chunk = new byte[100_000];
                for (int i = 0; i < 10; i++) {
                    out.write(chunk);
                }
            }))
            .get("/slow", r -> {
                slowStarted.countDown();
                Thread.sleep(500);
                return Response.text(200, "done");
            })
            .get("/fail", r -> {
                throw new IllegalStateException("secret internals");
            });
    private HttpServer server;
    private InetSocketAddress address;

    private void start(HttpLimits limits) throws IOException {
        server = new HttpServer(limits, router, (route, method, status, nanos) -> observed.incrementAndGet());
        address = server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Sends raw request bytes and reads one response: status line, headers and body. */
    private static String exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readResponse(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)),
                request.startsWith("HEAD "));
    }

    private static String readResponse(BufferedReader in) throws IOException {
        return readResponse(in, false);
    }

    private static String readResponse(BufferedReader in, boolean head) throws IOException {
        StringBuilder headers = new StringBuilder();
        int length = -1;
        boolean chunked = false;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            headers.append(line).append('\n');
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            }
            chunked |= lower.equals("transfer-encoding: chunked");
        }
        StringBuilder body = new StringBuilder();
        if (head) {
            return headers + "\n";
        }
        if (chunked) {
            for (int size = Integer.parseInt(in.readLine().trim(), 16); size > 0; size = Integer.parseInt(in.readLine().trim(), 16)) {
                char[] buf = new char[size];
                int read = 0;
                while (read < size) {
                    read += in.read(buf, read, size - read);
                }
                body.append(buf);
                in.readLine();
            }
            in.readLine();
        } else if (length > 0) {
            char[] buf = new char[length];
            int read = 0;
            while (read < length) {
                read += in.read(buf, read, length - read);
            }
            body.append(buf);
        }
        return headers + "\n" + body;
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(address.getAddress(), address.getPort());
        s.setSoTimeout(5000);
        return s;
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnectionInOrder() throws Exception {
        start(LIMITS);
        try (Socket s = connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            // pipelined: both requests sent before reading
            s.getOutputStream().write(("GET /hello?name=a HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /hello?name=b HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String first = readResponse(in);
            String second = readResponse(in);
            assertTrue(first.startsWith("HTTP/1.1 200 OK") && first.endsWith("hello a\n"), first);
            assertTrue(second.endsWith("hello b\n"), second);
            assertTrue(exchange(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").endsWith("hello you\n"));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (observed.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(3, observed.get(), "every request observed (after its response is written)");
    }

    @Test
    void errorsAreShortTextAndNeverLeakInternals() throws Exception {
        start(LIMITS);
        try (Socket s = connect()) {
            String notFound = exchange(s, "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(notFound.startsWith("HTTP/1.1 404 Not Found"), notFound);
            assertTrue(notFound.contains("content-type: text/plain; charset=utf-8"), notFound);
            String method = exchange(s, "DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(method.startsWith("HTTP/1.1 405"), method);
            assertTrue(method.contains("allow: GET, HEAD"), method);
            String failed = exchange(s, "GET /fail HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(failed.startsWith("HTTP/1.1 500") && failed.endsWith("internal error\n"), failed);
            assertTrue(!failed.contains("secret"), failed);
        }
    }

    @Test
    void oversizedOrMalformedRequestsAreRefusedAndTheConnectionClosed() throws Exception {
        start(LIMITS);
        try (Socket s = connect()) {
            assertTrue(exchange(s, "GET /" + "a".repeat(400) + " HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 414"));
            assertEquals(-1, s.getInputStream().read(), "closed after the refusal");
        }
        try (Socket s = connect()) {
            String big = exchange(s, "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n");
            assertTrue(big.startsWith("HTTP/1.1 431"), big);
        }
        try (Socket s = connect()) {
            String body = exchange(s, "GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            assertTrue(body.startsWith("HTTP/1.1 413"), body);
        }
        try (Socket s = connect()) {
            assertTrue(exchange(s, "GET /hello%zz HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 400"));
        }
        try (Socket s = connect()) {
            assertTrue(exchange(s, "NONSENSE\r\n\r\n").startsWith("HTTP/1.1 400"));
        }
    }

    @Test
    void connectionsAboveTheLimitAreTurnedAway() throws Exception {
        start(LIMITS);
        Socket[] held = {connect(), connect(), connect()};
        try {
            for (Socket s : held) {
                assertTrue(exchange(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200"));
            }
            try (Socket extra = connect()) {
                String r = readResponse(new BufferedReader(new InputStreamReader(extra.getInputStream(), StandardCharsets.ISO_8859_1)));
                assertTrue(r.startsWith("HTTP/1.1 503"), r);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        Thread.sleep(200);
        try (Socket again = connect()) {
            assertTrue(exchange(again, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200"), "freed slots are reused");
        }
    }

    @Test
    void streamedBodiesAreChunkedAndHeadHasNoBody() throws Exception {
        start(LIMITS);
        try (Socket s = connect()) {
            String r = exchange(s, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(r.contains("transfer-encoding: chunked"), r.substring(0, 200));
            assertEquals(1_000_000, r.substring(r.indexOf("\n\n") + 2).length());
            String head = exchange(s, "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200") && head.contains("content-length: 10"), head);
            assertTrue(exchange(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").endsWith("hello you\n"), "still in sync after HEAD");
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        start(LIMITS.withIdleTimeout(Duration.ofMillis(300)));
        try (Socket s = connect()) {
            assertTrue(exchange(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200"));
            assertEquals(-1, s.getInputStream().read(), "the server closed the idle connection");
        }
    }

    @Test
    void closeLetsARunningRequestFinish() throws Exception {
        start(LIMITS);
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(slowStarted.await(5, TimeUnit.SECONDS));
            Thread closer = new Thread(server::close);
            closer.start();
            String r = readResponse(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)));
            assertTrue(r.startsWith("HTTP/1.1 200") && r.endsWith("done\n"), r);
            closer.join(5000);
        }
        try (Socket s = new Socket()) {
            s.connect(address, 1000);
            s.setSoTimeout(2000);
            assertEquals(-1, s.getInputStream().read(), "no longer accepting");
        } catch (IOException refused) {
            // connection refused: also not accepting
        }
    }
}
