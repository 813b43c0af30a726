package io.solcial.net;

import io.solcial.multiformats.ByteReader;
import io.solcial.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a byte stream into {@code uvarint(length) || message} frames, the framing of identify,
 * bitswap, circuit relay and our own {@code /solcial/...} protocols. A length above the limit is a
 * protocol violation, detected as soon as the prefix arrives, so a peer can never make us buffer
 * more than one maximal message.
 */
public final class LengthPrefixedDecoder {
    private final int maxMessageSize;
    private byte[] buffer = new byte[0];

    public LengthPrefixedDecoder(int maxMessageSize) {
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
        this.maxMessageSize = maxMessageSize;
    }

    /** Adds received bytes and returns every message now complete, in order. */
    public List<byte[]> feed(byte[] data) throws ProtocolViolationException {
        buffer = buffer.length == 0 ? data.clone() : concat(buffer, data);
        List<byte[]> messages = new ArrayList<>();
        while (true) {
            ByteReader in = new ByteReader(buffer);
            long length;
            try {
                if (!hasCompleteVarint(in)) {
                    return messages;
                }
                length = Varint.read(in);
            } catch (IllegalArgumentException e) {
                throw new ProtocolViolationException("bad length prefix: " + e.getMessage(), e);
            }
            if (length > maxMessageSize) {
                throw new ProtocolViolationException(
                        "message of " + length + " bytes exceeds the limit of " + maxMessageSize);
            }
            if (in.remaining() < length) {
                return messages;
            }
            messages.add(in.readBytes((int) length));
            buffer = Arrays.copyOfRange(buffer, in.position(), buffer.length);
        }
    }

    /** Bytes received but not yet part of a complete message. */
    public int buffered() {
        return buffer.length;
    }

    /** Frames one message: {@code uvarint(length) || message}. */
    public static byte[] frame(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 5);
        Varint.write(message.length, out);
        out.writeBytes(message);
        return out.toByteArray();
    }

    private static boolean hasCompleteVarint(ByteReader in) {
        int n = Math.min(in.remaining(), Varint.MAX_BYTES);
        for (int i = 0; i < n; i++) {
            if ((in.peek(i) & 0x80) == 0) {
                return true;
            }
        }
        if (n == Varint.MAX_BYTES) {
            throw new IllegalArgumentException("varint longer than " + Varint.MAX_BYTES + " bytes");
        }
        return false;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
