package io.solcial.net.interop;

import io.solcial.net.ProtocolHandler;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The test protocols of {@code interop/libp2p-peer.mjs}, on the Java side: echo, sink, and a
 * pattern sender/checker. Pattern bytes: byte i of a stream is {@code (i * 31 + 7) & 0xff}.
 */
public final class TestProtocols {
    public static final String ECHO = "/solcial-test/echo/1.0.0";
    public static final String SINK = "/solcial-test/sink/1.0.0";
    /**
     * The sink with a CRC-32 instead of the SHA-256 (reply: count, then the CRC-32 as 4 bytes
     * big-endian): the throughput benchmark's check, the same on the js side. Noise already
     * authenticates every frame; the check only catches our own reordering or loss.
     */
    public static final String SINK_CRC32 = "/solcial-test/sink-crc32/1.0.0";
    /** Pattern chunk: a multiple of the pattern's 256-byte period, so every chunk is the same bytes. */
    public static final int CHUNK = 64 * 1024;
    private static final byte[] PATTERN_CHUNK = pattern(CHUNK);

    private TestProtocols() {
    }

    public static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /** Echo with back-pressure: the stream is paused while an echo write is pending. */
    public static ProtocolHandler echo() {
        return new ProtocolHandler(ECHO, EchoHandler::new);
    }

    static final class EchoHandler implements StreamHandler {
        @Override
        public void onData(Stream stream, byte[] data) {
            stream.pause();
            stream.write(data).whenComplete((v, e) -> {
                if (e == null) {
                    stream.resume();
                } else {
                    stream.reset();
                }
            });
        }

        @Override
        public void onRemoteClose(Stream stream) {
            stream.closeWrite();
        }
    }

    /** A running check over every byte a sink receives: update, then the value once at the end. */
    private record StreamCheck(Consumer<ByteBuffer> update, Supplier<byte[]> value) {
    }

    private static StreamCheck sha256Check() {
        MessageDigest sha = sha256();
        return new StreamCheck(sha::update, sha::digest);
    }

    private static StreamCheck crc32Check() {
        CRC32 crc = new CRC32();
        return new StreamCheck(crc::update, () -> ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * Sink as the js peer expects it: reads until the remote closes, replies with the 8-byte
     * big-endian count and the SHA-256 of everything ({@link #SINK}) or its CRC-32
     * ({@link #crc32()}, for {@link #SINK_CRC32}), closes. With a timer it reads slowly: after
     * {@code budget} bytes it pauses and resumes {@code pauseMillis} later.
     */
    public static final class Sink implements StreamHandler {
        private final ScheduledExecutorService timer;
        private final int budget;
        private final long pauseMillis;
        private final StreamCheck check;
        private final CompletableFuture<Sink> done = new CompletableFuture<>();
        private long count;
        private long sinceResume;
        private long maxPerTick;
        private int pauses;

        /** A sink that reads as fast as data comes. */
        public Sink() {
            this(null, Integer.MAX_VALUE, 0);
        }

        public Sink(ScheduledExecutorService timer, int budget, long pauseMillis) {
            this(timer, budget, pauseMillis, sha256Check());
        }

        private Sink(ScheduledExecutorService timer, int budget, long pauseMillis, StreamCheck check) {
            this.timer = timer;
            this.budget = budget;
            this.pauseMillis = pauseMillis;
            this.check = check;
        }

        /** A fast sink replying with the CRC-32 ({@link #SINK_CRC32}). */
        public static Sink crc32() {
            return new Sink(null, Integer.MAX_VALUE, 0, crc32Check());
        }

        @Override
        public void onData(Stream stream, byte[] data) {
            onData(stream, ByteBuffer.wrap(data));
        }

        /** Reads without a copy (the stack calls this). */
        @Override
        public void onData(Stream stream, ByteBuffer data) {
            int n = data.remaining();
            check.update().accept(data);
            count += n;
            sinceResume += n;
            if (timer != null && sinceResume >= budget) {
                maxPerTick = Math.max(maxPerTick, sinceResume);
                sinceResume = 0;
                pauses++;
                stream.pause();
                timer.schedule(stream::resume, pauseMillis, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void onRemoteClose(Stream stream) {
            byte[] value = check.value().get();
            stream.write(ByteBuffer.allocate(8 + value.length).putLong(count).put(value).array());
            stream.closeWrite();
            done.complete(this);
        }

        @Override
        public void onClosed(Stream stream, Throwable cause) {
            if (cause != null) {
                done.completeExceptionally(cause);
            }
        }

        /** Completes when the peer closed its side and the reply was queued. */
        public CompletableFuture<Sink> done() {
            return done;
        }

        public long count() {
            return count;
        }

        /** Most bytes the handler took between a resume and its next pause. */
        public long maxPerTick() {
            return maxPerTick;
        }

        public int pauses() {
            return pauses;
        }
    }

    /**
     * Writes {@code total} pattern bytes to {@code stream} in {@link #CHUNK} writes with at most
     * {@code maxInFlight} unfinished, then half-closes. Completes when the FIN was written.
     */
    public static CompletableFuture<Void> sendPattern(Stream stream, long total, int maxInFlight) {
        if (total % CHUNK != 0) {
            throw new IllegalArgumentException("total must be a multiple of " + CHUNK);
        }
        return new Sender(stream, total / CHUNK, maxInFlight).start();
    }

    private static final class Sender {
        private final Stream stream;
        private final long chunks;
        private final int maxInFlight;
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private long sent;
        private long acked;
        private boolean closing;

        Sender(Stream stream, long chunks, int maxInFlight) {
            this.stream = stream;
            this.chunks = chunks;
            this.maxInFlight = maxInFlight;
        }

        CompletableFuture<Void> start() {
            pump();
            return result;
        }

        private void pump() {
            boolean close = false;
            synchronized (this) {
                while (sent < chunks && sent - acked < maxInFlight && !result.isDone()) {
                    sent++;
                    stream.write(PATTERN_CHUNK).whenComplete((v, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                            return;
                        }
                        synchronized (this) {
                            acked++;
                        }
                        pump();
                    });
                }
                if (acked == chunks && !closing) {
                    closing = true;
                    close = true;
                }
            }
            if (close) {
                stream.closeWrite().whenComplete((v, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(null);
                    }
                });
            }
        }
    }

    /**
     * Reads a stream and checks it is exactly {@code expected} pattern bytes; {@link #done()}
     * completes when the peer closed its side.
     */
    public static final class PatternReader implements StreamHandler {
        private final long expected;
        private final CompletableFuture<Long> done = new CompletableFuture<>();
        private long received;

        public PatternReader(long expected) {
            this.expected = expected;
        }

        @Override
        public void onData(Stream stream, byte[] data) {
            for (int i = 0; i < data.length; i++) {
                if (data[i] != (byte) ((received + i) * 31 + 7)) {
                    done.completeExceptionally(new AssertionError("byte " + (received + i) + " differs"));
                    stream.reset();
                    return;
                }
            }
            received += data.length;
            if (received > expected) {
                done.completeExceptionally(new AssertionError("more than " + expected + " bytes"));
                stream.reset();
            }
        }

        @Override
        public void onRemoteClose(Stream stream) {
            if (received == expected) {
                done.complete(received);
            } else {
                done.completeExceptionally(new AssertionError("got " + received + " of " + expected + " bytes"));
            }
        }

        @Override
        public void onClosed(Stream stream, Throwable cause) {
            if (!done.isDone()) {
                done.completeExceptionally(cause != null ? cause : new AssertionError("closed after " + received));
            }
        }

        public CompletableFuture<Long> done() {
            return done;
        }
    }

    /** SHA-256 of {@code length} pattern bytes. */
    public static byte[] patternSha256(long length) {
        MessageDigest sha = sha256();
        feedPattern(length, (period, n) -> sha.update(period, 0, n));
        return sha.digest();
    }

    /** CRC-32 of {@code length} pattern bytes. */
    public static int patternCrc32(long length) {
        CRC32 crc = new CRC32();
        feedPattern(length, (period, n) -> crc.update(period, 0, n));
        return (int) crc.getValue();
    }

    /** Hands {@code length} pattern bytes to {@code update}, one 256-byte period (or less) at a time. */
    private static void feedPattern(long length, ObjIntConsumer<byte[]> update) {
        byte[] period = pattern(256);
        for (long full = length / 256; full > 0; full--) {
            update.accept(period, period.length);
        }
        update.accept(period, (int) (length % 256));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
