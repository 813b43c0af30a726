package io.solcial.net.mss;

import io.solcial.multiformats.ByteReader;
import io.solcial.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * multistream-select {@code /multistream/1.0.0} as a byte-level state machine with no I/O, used on
 * raw TCP (to pick {@code /noise}), inside Noise (to pick {@code /yamux/1.0.0}) and on every yamux
 * stream (to pick the application protocol).
 *
 * <p>A message is {@code uvarint(len) || utf8 || '\n'} (the length counts the newline). Both sides
 * send the header first. The initiator proposes protocols one at a time and the responder echoes
 * the one it accepts or answers {@code na}. Received bytes may arrive in any split; bytes after
 * the selection (a peer may send data right behind its proposal) are handed back as leftover.
 *
 * <p>Usage: send {@link #start()}, then feed every received buffer to {@link #receive} until it
 * returns {@link Selected} or {@link Failed}. Not thread-safe; drive it from one thread.
 */
public final class MultistreamSelect {
    public static final String PROTOCOL_ID = "/multistream/1.0.0";
    public static final String NA = "na";
    /** Longest message accepted (protocol ids are short; this bounds what a peer can make us buffer). */
    public static final int MAX_MESSAGE_LENGTH = 1024;
    /** Proposals a responder answers before it gives up on the peer. */
    public static final int MAX_PROPOSALS = 32;

    /** The outcome of feeding bytes. */
    public sealed interface Outcome permits Pending, Selected, Failed {
    }

    /** More bytes are needed. */
    public record Pending() implements Outcome {
    }

    /** Negotiation done: {@code protocol} chosen; {@code leftover} bytes already belong to it. */
    public record Selected(String protocol, byte[] leftover) implements Outcome {
        public Selected {
            Objects.requireNonNull(protocol);
            leftover = leftover.clone();
        }
    }

    /**
     * Negotiation failed: close the stream or connection. {@code notSupported} is true when the
     * peer answered {@code na} to every proposal (an honest "no"), false when it broke the protocol.
     */
    public record Failed(String reason, boolean notSupported) implements Outcome {
        Failed(String reason) {
            this(reason, false);
        }
    }

    private static final Pending PENDING = new Pending();

    private final boolean initiator;
    private final Deque<String> proposals;
    private final Predicate<String> supported;
    private byte[] buffer = new byte[0];
    private boolean headerReceived;
    private int proposalsSeen;
    private Outcome done;

    private MultistreamSelect(boolean initiator, List<String> proposals, Predicate<String> supported) {
        this.initiator = initiator;
        this.proposals = new ArrayDeque<>(proposals);
        this.supported = supported;
    }

    /** The dialing side: proposes {@code protocols} in order of preference. */
    public static MultistreamSelect initiator(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no protocol to propose");
        }
        protocols.forEach(MultistreamSelect::checkProtocolId);
        return new MultistreamSelect(true, protocols, p -> false);
    }

    /** The listening side: accepts the first proposal that {@code supported} accepts. */
    public static MultistreamSelect responder(Predicate<String> supported) {
        return new MultistreamSelect(false, List.of(), Objects.requireNonNull(supported));
    }

    /** The bytes to send first: the header, and for the initiator its first proposal (one write). */
    public byte[] start() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(encode(PROTOCOL_ID));
        if (initiator) {
            out.writeBytes(encode(proposals.peekFirst()));
        }
        return out.toByteArray();
    }

    /**
     * Feeds received bytes. {@code send} receives any bytes to write to the peer (a next proposal,
     * an echo, {@code na}) before this returns.
     */
    public Outcome receive(byte[] data, Consumer<byte[]> send) {
        if (done != null) {
            throw new IllegalStateException("negotiation already finished: " + done);
        }
        buffer = concat(buffer, data);
        while (done == null) {
            String message;
            int consumed;
            try {
                ByteReader in = new ByteReader(buffer);
                long len = readLength(in);
                if (len < 0 || in.remaining() < len) {
                    return PENDING;
                }
                byte[] body = in.readBytes((int) len);
                consumed = in.position();
                message = decodeMessage(body);
            } catch (IllegalArgumentException e) { // includes InvalidMultiformatException
                return finish(new Failed("malformed multistream message: " + e.getMessage()));
            }
            buffer = Arrays.copyOfRange(buffer, consumed, buffer.length);
            handle(message, send);
        }
        return done;
    }

    private void handle(String message, Consumer<byte[]> send) {
        if (!headerReceived) {
            if (!message.equals(PROTOCOL_ID)) {
                finish(new Failed("peer does not speak " + PROTOCOL_ID + " (sent '" + printable(message) + "')"));
                return;
            }
            headerReceived = true;
            return;
        }
        if (initiator) {
            handleResponse(message, send);
        } else {
            handleProposal(message, send);
        }
    }

    private void handleResponse(String message, Consumer<byte[]> send) {
        String proposed = proposals.peekFirst();
        if (message.equals(proposed)) {
            finish(new Selected(proposed, buffer));
        } else if (message.equals(NA)) {
            proposals.removeFirst();
            if (proposals.isEmpty()) {
                finish(new Failed("peer supports none of the proposed protocols (last: " + proposed + ")", true));
            } else {
                send.accept(encode(proposals.peekFirst()));
            }
        } else {
            finish(new Failed("unexpected answer '" + printable(message) + "' to proposal " + proposed));
        }
    }

    private void handleProposal(String message, Consumer<byte[]> send) {
        if (++proposalsSeen > MAX_PROPOSALS) {
            finish(new Failed("peer made more than " + MAX_PROPOSALS + " proposals"));
            return;
        }
        if (!message.equals(NA) && !message.equals("ls") && message.startsWith("/") && supported.test(message)) {
            send.accept(encode(message));
            finish(new Selected(message, buffer));
        } else {
            send.accept(encode(NA));
        }
    }

    private Outcome finish(Outcome outcome) {
        done = outcome;
        buffer = new byte[0];
        return outcome;
    }

    /** The length prefix, or -1 when the varint itself is not complete yet. */
    private static long readLength(ByteReader in) {
        int available = in.remaining();
        int n = 0;
        while (n < available && n < Varint.MAX_BYTES) {
            if ((in.peek(n) & 0x80) == 0) {
                break;
            }
            n++;
        }
        if (n == available) {
            return -1;
        }
        long len = Varint.read(in);
        if (len < 1 || len > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message length " + len + " outside 1.." + MAX_MESSAGE_LENGTH);
        }
        return len;
    }

    private static String decodeMessage(byte[] body) {
        if (body[body.length - 1] != '\n') {
            throw new IllegalArgumentException("message does not end with a newline");
        }
        return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
    }

    /** Encodes one message: {@code uvarint(len + 1) || utf8 || '\n'}. */
    public static byte[] encode(String message) {
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length + 3);
        Varint.write(utf8.length + 1L, out);
        out.writeBytes(utf8);
        out.write('\n');
        return out.toByteArray();
    }

    private static void checkProtocolId(String id) {
        if (!id.startsWith("/") || id.contains("\n") || id.getBytes(StandardCharsets.UTF_8).length + 1 > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("invalid protocol id: " + id);
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b.clone();
        }
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
