package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VarintTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Vectors from the unsigned-varint spec README, plus the 63-bit maximum. */
    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f",
        "128, 8001",
        "255, ff01",
        "300, ac02",
        "16384, 808001",
        "9223372036854775807, ffffffffffffffff7f",
    })
    void encodesAndDecodesSpecVectors(long value, String hex) {
        assertEquals(hex, HEX.formatHex(Varint.encode(value)));
        assertEquals(value, Varint.decode(HEX.parseHex(hex)));
        assertEquals(hex.length() / 2, Varint.size(value));
    }

    @Test
    void roundTripsAcrossSevenBitBoundaries() {
        for (int shift = 0; shift < 63; shift++) {
            for (long v : new long[] {(1L << shift) - 1, 1L << shift, (1L << shift) + 1}) {
                if (v >= 0) {
                    assertEquals(v, Varint.decode(Varint.encode(v)), "value " + v);
                }
            }
        }
    }

    @Test
    void writesIntoArrayAndStream() {
        byte[] buf = new byte[4];
        assertEquals(3, Varint.write(300, buf, 1));
        assertEquals("00ac0200", HEX.formatHex(buf));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varint.write(128, out);
        assertEquals("8001", HEX.formatHex(out.toByteArray()));
    }

    @Test
    void readAdvancesPastOneVarintOnly() {
        ByteReader in = new ByteReader(HEX.parseHex("ac0201"));
        assertEquals(300, Varint.read(in));
        assertEquals(2, in.position());
        assertEquals(1, Varint.read(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8000", "ff00", "808000", "8180808000"})
    void rejectsNonMinimalVarint(String hex) {
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Varint.decode(HEX.parseHex(hex)));
        assertTrue(e.getMessage().contains("non-minimal"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "ff", "8080", ""})
    void rejectsTruncatedVarint(String hex) {
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Varint.decode(HEX.parseHex(hex)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsVarintLongerThanNineBytes() {
        InvalidMultiformatException e = assertThrows(InvalidMultiformatException.class,
                () -> Varint.decode(HEX.parseHex("ffffffffffffffffff01")));
        assertTrue(e.getMessage().contains("longer than 9"), e.getMessage());
    }

    @Test
    void rejectsTrailingBytesAfterVarint() {
        assertThrows(InvalidMultiformatException.class, () -> Varint.decode(HEX.parseHex("0100")));
    }

    @Test
    void rejectsNegativeValues() {
        assertThrows(IllegalArgumentException.class, () -> Varint.encode(-1));
        assertThrows(IllegalArgumentException.class, () -> Varint.encode(Long.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Varint.size(-5));
    }

    @Test
    void readIntRejectsValuesAboveIntRange() {
        ByteReader in = new ByteReader(Varint.encode(1L << 31));
        assertThrows(InvalidMultiformatException.class, () -> Varint.readInt(in));
        assertEquals(Integer.MAX_VALUE, Varint.readInt(new ByteReader(Varint.encode(Integer.MAX_VALUE))));
    }
}
