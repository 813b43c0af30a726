package io.solcial.beacon.gateway.web;

import java.io.Writer;
import java.util.Arrays;

/**
 * A {@link Writer} that encodes straight to UTF-8 bytes in a growable array, unsynchronized: pages
 * are rendered into it and sent as its bytes, without building a {@code String} (and a
 * synchronized {@code StringBuffer}) and encoding it again. Encodes as {@code String.getBytes(UTF_8)}
 * does, an unpaired surrogate included (as {@code '?'}). One instance per thread, reused with
 * {@link #reset()}.
 */
final class Utf8Writer extends Writer {
    private byte[] buf;
    private int count;
    /** A high surrogate waiting for its low half (the next write may bring it). */
    private char high;

    Utf8Writer(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /** Forgets what was written; keeps the buffer. */
    void reset() {
        count = 0;
        high = 0;
    }

    /** Capacity of the internal buffer (for deciding whether to keep this writer). */
    int capacity() {
        return buf.length;
    }

    /** What was written, encoded (a pending lone high surrogate counts as {@code '?'}). */
    byte[] toByteArray() {
        if (high != 0) {
            high = 0;
            ensure(1);
            buf[count++] = '?';
        }
        return Arrays.copyOf(buf, count);
    }

    @Override
    public void write(int c) {
        put((char) c);
    }

    @Override
    public void write(char[] chars, int off, int len) {
        ensure(len * 3 + 4);
        for (int i = off; i < off + len; i++) {
            put(chars[i]);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        int end = off + len;
        while (off < end && high != 0) { // complete (or give up on) a pair split across writes
            put(s.charAt(off++));
        }
        // One pass over the chars, whatever the string's length: String.getBytes(UTF_8) on a string
        // holding any non-Latin-1 character (a post card with an emoji in it) measured at ~35 ns
        // per char in the running gateway, ten times this loop.
        ensure((end - off) * 3 + 4);
        for (; off < end; off++) {
            put(s.charAt(off));
        }
    }

    @Override
    public Writer append(CharSequence csq) {
        String s = String.valueOf(csq);
        write(s, 0, s.length());
        return this;
    }

    private void put(char c) {
        if (c < 0x80 && high == 0) {
            ensure(1);
            buf[count++] = (byte) c;
            return;
        }
        ensure(4);
        if (high != 0) {
            char h = high;
            high = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(h, c);
                buf[count++] = (byte) (0xF0 | (cp >> 18));
                buf[count++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[count++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[count++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            buf[count++] = '?'; // the high surrogate had no low half
            put(c);
            return;
        }
        if (c < 0x800) {
            buf[count++] = (byte) (0xC0 | (c >> 6));
            buf[count++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            high = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[count++] = '?';
        } else {
            buf[count++] = (byte) (0xE0 | (c >> 12));
            buf[count++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[count++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
