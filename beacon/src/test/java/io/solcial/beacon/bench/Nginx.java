package io.solcial.beacon.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * nginx serving files from {@code root} on a free loopback port: a generated minimal config in a
 * temporary prefix directory, run in the foreground as a child process, killed on close.
 */
final class Nginx implements AutoCloseable {
    private final Process process;
    private final URI base;

    private Nginx(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Starts nginx over {@code root}; files under {@code root/u/} are served as HTML, files under
     * {@code root/ipfs/} as raw IPLD blocks.
     */
    static Nginx start(String executable, Path root, Path prefix, int workers) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(prefix.resolve("logs"));
        String conf = """
                worker_processes %d;
                daemon off;
                pid %s/nginx.pid;
                error_log %s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    tcp_nodelay on;
                    keepalive_requests 100000000;
                    keepalive_timeout 65;
                    client_body_temp_path %s/tmp_body;
                    proxy_temp_path %s/tmp_proxy;
                    fastcgi_temp_path %s/tmp_fastcgi;
                    uwsgi_temp_path %s/tmp_uwsgi;
                    scgi_temp_path %s/tmp_scgi;
                    server {
                        listen 127.0.0.1:%d;
                        root %s;
                        location /u/ { default_type "text/html; charset=utf-8"; }
                        location /ipfs/ { default_type application/vnd.ipld.raw; }
                    }
                }
                """.formatted(workers, prefix, prefix, prefix, prefix, prefix, prefix, prefix, port, root);
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf, StandardCharsets.UTF_8);
        readableByAll(root);
        Process p = new ProcessBuilder(executable, "-p", prefix.toString(), "-c", confFile.toString(),
                "-e", prefix.resolve("logs/error.log").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        Nginx nginx = new Nginx(p, URI.create("http://127.0.0.1:" + port + "/"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(port)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                nginx.close();
                throw new IOException("nginx did not start: " + Files.readString(prefix.resolve("logs/stdout.log"))
                        + readIfExists(prefix.resolve("logs/error.log")));
            }
            Thread.sleep(50);
        }
        return nginx;
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** nginx's workers may run as another user: let them read the tree (its parents must let them through). */
    private static void readableByAll(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    /** Stops nginx (TERM to the master, which stops its workers; KILL if it lingers). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
