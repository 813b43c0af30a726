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
    /** Bytes of a length prefix not yet complete. */
    private final byte[] prefix = new byte[Varint.MAX_BYTES];
    private int prefixLength;
    /** The message being filled once its prefix is read (null between messages), and how much of it is filled. */
    private byte[] message;
    private int filled;
    private int messagePrefixLength;

    public LengthPrefixedDecoder(int maxMessageSize) {
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Adds received bytes and returns every message now complete, in order. Each byte is copied
     * once, into the message it belongs to, however small the pieces the stream arrives in.
     */
    public List<byte[]> feed(byte[] data) throws ProtocolViolationException {
        List<byte[]> messages = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (message == null) {
                pos = readPrefix(data, pos);
                if (message == null) {
                    return messages;
                }
            }
            int n = Math.min(message.length - filled, data.length - pos);
            System.arraycopy(data, pos, message, filled, n);
            filled += n;
            pos += n;
            if (filled < message.length) {
                return messages;
            }
            messages.add(message);
            message = null;
        }
    }

    /** Consumes prefix bytes from {@code data} at {@code pos}; starts a message once the prefix is complete. */
    private int readPrefix(byte[] data, int pos) throws ProtocolViolationException {
        while (pos < data.length) {
            byte b = data[pos++];
            prefix[prefixLength++] = b;
            if ((b & 0x80) == 0) {
                startMessage();
                return pos;
            }
            if (prefixLength == Varint.MAX_BYTES) {
                throw new ProtocolViolationException("bad length prefix: varint longer than " + Varint.MAX_BYTES + " bytes");
            }
        }
        return pos;
    }

    private void startMessage() throws ProtocolViolationException {
        long length;
        try {
            length = Varint.read(new ByteReader(Arrays.copyOf(prefix, prefixLength)));
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException("bad length prefix: " + e.getMessage(), e);
        }
        if (length > maxMessageSize) {
            throw new ProtocolViolationException(
                    "message of " + length + " bytes exceeds the limit of " + maxMessageSize);
        }
        messagePrefixLength = prefixLength;
        prefixLength = 0;
        message = new byte[(int) length];
        filled = 0;
    }

    /** Bytes received but not yet part of a complete message. */
    public int buffered() {
        return message == null ? prefixLength : messagePrefixLength + filled;
    }

    /** Frames one message: {@code uvarint(length) || message}. */
    public static byte[] frame(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 5);
        Varint.write(message.length, out);
        out.writeBytes(message);
        return out.toByteArray();
    }
}
