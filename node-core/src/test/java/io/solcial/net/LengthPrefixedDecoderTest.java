package io.solcial.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthPrefixedDecoderTest {

    @Test
    void reassemblesMessagesSplitAtEveryByte() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[] small = {1, 2, 3};
        byte[] big = new byte[300];
        big[299] = 7;
        wire.writeBytes(LengthPrefixedDecoder.frame(small));
        wire.writeBytes(LengthPrefixedDecoder.frame(new byte[0]));
        wire.writeBytes(LengthPrefixedDecoder.frame(big));
        LengthPrefixedDecoder decoder = new LengthPrefixedDecoder(1024);
        List<byte[]> got = new ArrayList<>();
        for (byte b : wire.toByteArray()) {
            got.addAll(decoder.feed(new byte[] {b}));
        }
        assertEquals(3, got.size());
        assertArrayEquals(small, got.get(0));
        assertEquals(0, got.get(1).length);
        assertArrayEquals(big, got.get(2));
        assertEquals(0, decoder.buffered());
    }

    @Test
    void reassemblesAMaximalMessageFedInSmallPiecesInLinearTime() throws Exception {
        byte[] big = new byte[4 * 1024 * 1024];
        new java.util.Random(1).nextBytes(big);
        byte[] wire = LengthPrefixedDecoder.frame(big);
        LengthPrefixedDecoder decoder = new LengthPrefixedDecoder(big.length);
        List<byte[]> got = new ArrayList<>();
        // 8,192 pieces of 512 bytes: re-copying the buffered prefix per piece would copy ~16 GiB
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(3), () -> {
            for (int off = 0; off < wire.length; off += 512) {
                got.addAll(decoder.feed(java.util.Arrays.copyOfRange(wire, off, Math.min(wire.length, off + 512))));
                if (got.isEmpty()) {
                    assertEquals(Math.min(wire.length, off + 512), decoder.buffered());
                }
            }
        });
        assertEquals(1, got.size());
        assertArrayEquals(big, got.get(0));
        assertEquals(0, decoder.buffered());
    }

    @Test
    void returnsSeveralMessagesFromOneRead() throws Exception {
        byte[] two = concat(LengthPrefixedDecoder.frame(new byte[] {9}), LengthPrefixedDecoder.frame(new byte[] {8}));
        assertEquals(2, new LengthPrefixedDecoder(16).feed(two).size());
    }

    @Test
    void rejectsOversizedLengthBeforeTheBodyArrives() {
        LengthPrefixedDecoder decoder = new LengthPrefixedDecoder(100);
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                () -> decoder.feed(new byte[] {(byte) 0x80, 0x01})); // 128
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void rejectsNonMinimalAndOverlongPrefixes() {
        assertThrows(ProtocolViolationException.class,
                () -> new LengthPrefixedDecoder(100).feed(new byte[] {(byte) 0x81, 0x00}));
        byte[] tooLong = new byte[10];
        java.util.Arrays.fill(tooLong, (byte) 0xff);
        assertThrows(ProtocolViolationException.class, () -> new LengthPrefixedDecoder(100).feed(tooLong));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
