package io.solcial.net.yamux;

import io.solcial.net.ProtocolHandler;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Stream handlers for the yamux tests. */
final class TestHandlers {
    static final String ECHO = "/test/echo/1.0.0";
    static final String SINK = "/test/sink/1.0.0";

    private TestHandlers() {
    }

    /** Echoes everything back (pausing until each echo went out), and closes when the peer does. */
    static final class Echo implements StreamHandler {
        @Override
        public void onData(Stream stream, byte[] data) {
            stream.pause();
            stream.write(data).whenComplete((v, e) -> stream.resume());
        }

        @Override
        public void onRemoteClose(Stream stream) {
            stream.closeWrite();
        }
    }

    /** Hashes what arrives; {@code done} completes with the hex SHA-256 when the stream ends cleanly. */
    static class Collector implements StreamHandler {
        final MessageDigest sha = sha256();
        final AtomicLong received = new AtomicLong();
        final CompletableFuture<String> done = new CompletableFuture<>();
        final CompletableFuture<Void> remoteClosed = new CompletableFuture<>();
        final StringBuilder text = new StringBuilder();
        volatile Throwable closedCause;
        volatile boolean opened;

        @Override
        public void onOpen(Stream stream) {
            opened = true;
        }

        @Override
        public void onData(Stream stream, byte[] data) {
            sha.update(data);
            received.addAndGet(data.length);
            if (text.length() < 1024) {
                text.append(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }

        @Override
        public void onRemoteClose(Stream stream) {
            remoteClosed.complete(null);
        }

        @Override
        public void onClosed(Stream stream, Throwable cause) {
            closedCause = cause;
            if (cause == null) {
                done.complete(HexFormat.of().formatHex(sha.digest()));
            } else {
                done.completeExceptionally(cause);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static InboundProtocols echo() {
        return InboundProtocols.of(List.of(new ProtocolHandler(ECHO, Echo::new)));
    }

    /** Writes {@code total} deterministic bytes in {@code chunk}-sized writes, each after the last completed. */
    static CompletableFuture<String> writeAll(Stream stream, long total, int chunk, long seed, AtomicLong written) {
        MessageDigest sha = sha256();
        java.util.Random random = new java.util.Random(seed);
        CompletableFuture<String> result = new CompletableFuture<>();
        writeNext(stream, total, chunk, random, sha, written, result);
        return result;
    }

    private static void writeNext(Stream stream, long left, int chunk, java.util.Random random, MessageDigest sha,
                                  AtomicLong written, CompletableFuture<String> result) {
        if (left == 0) {
            stream.closeWrite().whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(HexFormat.of().formatHex(sha.digest()));
                }
            });
            return;
        }
        byte[] data = new byte[(int) Math.min(chunk, left)];
        random.nextBytes(data);
        sha.update(data);
        stream.write(data).whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
                return;
            }
            if (written != null) {
                written.addAndGet(data.length);
            }
            writeNext(stream, left - data.length, chunk, random, sha, written, result);
        });
    }
}
