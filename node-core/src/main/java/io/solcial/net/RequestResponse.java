package io.solcial.net;

import io.solcial.identity.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and one response per stream, each a length-prefixed message: the shape of our
 * {@code /solcial/...} query protocols. The caller writes its request and half-closes; the server
 * answers with one message and closes. Anything else (a second message, an oversized one, a stream
 * closed early) resets the stream and fails the call; the connection is left alone.
 */
public final class RequestResponse {
    private static final Logger LOG = LoggerFactory.getLogger(RequestResponse.class);

    private RequestResponse() {
    }

    /** Sends {@code request} to {@code peer} on a new stream and completes with the response message. */
    public static CompletableFuture<byte[]> call(Host host, PeerId peer, String protocol, byte[] request,
            int maxResponse, Duration timeout) {
        Client client = new Client(request, maxResponse);
        host.newStream(peer, List.of(protocol), client).whenComplete((s, e) -> {
            if (e != null) {
                client.result.completeExceptionally(e);
            }
        });
        return client.result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            if (e != null && client.stream != null) {
                client.stream.reset();
            }
            if (e instanceof TimeoutException) {
                LOG.debug("{} to {} timed out", protocol, peer);
            }
        });
    }

    /**
     * A protocol handler answering one request per stream with {@code answer(peer, request)}. The
     * answer may complete on any thread; if it fails, the stream is reset.
     */
    public static ProtocolHandler server(String protocol, int maxRequest,
            BiFunction<PeerId, byte[], CompletableFuture<byte[]>> answer) {
        return new ProtocolHandler(protocol, () -> new Server(maxRequest, answer));
    }

    private static final class Client implements StreamHandler {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        final byte[] request;
        final LengthPrefixedDecoder decoder;
        volatile Stream stream;

        Client(byte[] request, int maxResponse) {
            this.request = request;
            this.decoder = new LengthPrefixedDecoder(maxResponse);
        }

        @Override
        public void onOpen(Stream s) {
            stream = s;
            s.write(LengthPrefixedDecoder.frame(request));
            s.closeWrite();
        }

        @Override
        public void onData(Stream s, byte[] data) {
            try {
                List<byte[]> messages = decoder.feed(data);
                if (messages.size() > 1 || (!messages.isEmpty() && decoder.buffered() > 0)) {
                    throw new ProtocolViolationException(s.protocol() + ": more than one response");
                }
                if (!messages.isEmpty()) {
                    result.complete(messages.get(0));
                }
            } catch (ProtocolViolationException e) {
                result.completeExceptionally(e);
                s.reset();
            }
        }

        @Override
        public void onClosed(Stream s, Throwable cause) {
            result.completeExceptionally(cause != null ? cause
                    : new ProtocolViolationException(s.protocol() + ": stream closed without a response"));
        }
    }

    private static final class Server implements StreamHandler {
        final LengthPrefixedDecoder decoder;
        final BiFunction<PeerId, byte[], CompletableFuture<byte[]>> answer;
        boolean answered;

        Server(int maxRequest, BiFunction<PeerId, byte[], CompletableFuture<byte[]>> answer) {
            this.decoder = new LengthPrefixedDecoder(maxRequest);
            this.answer = answer;
        }

        @Override
        public void onData(Stream s, byte[] data) {
            try {
                List<byte[]> messages = decoder.feed(data);
                if (messages.isEmpty()) {
                    return;
                }
                if (answered || messages.size() > 1) {
                    throw new ProtocolViolationException(s.protocol() + ": more than one request on a stream");
                }
                answered = true;
                CompletableFuture<byte[]> reply;
                try {
                    reply = answer.apply(s.remotePeer(), messages.get(0));
                } catch (RuntimeException e) {
                    reply = CompletableFuture.failedFuture(e);
                }
                reply.whenComplete((bytes, e) -> {
                    if (e != null) {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        LOG.debug("{} request from {} refused: {}", s.protocol(), s.remotePeer(), cause.getMessage());
                        s.reset();
                    } else {
                        s.write(LengthPrefixedDecoder.frame(bytes));
                        s.closeWrite();
                    }
                });
            } catch (ProtocolViolationException e) {
                LOG.debug("{} from {}: {}", s.protocol(), s.remotePeer(), e.getMessage());
                s.reset();
            }
        }
    }
}
