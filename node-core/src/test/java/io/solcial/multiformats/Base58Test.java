package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base58Test {
    private static final HexFormat HEX = HexFormat.of();

    /** Vectors from the IETF base58 draft (draft-msporny-base58) and leading-zero cases. */
    @ParameterizedTest
    @CsvSource({
        "'', ''",
        "00, 1",
        "0000, 11",
        "000000ff, 1115Q",
        "0000287fb4cd, 11233QC4",
        "61, 2g",
        "626262, a3gV",
        "636363, aPEr",
        "ff, 5Q",
        "0100, 5R",
    })
    void encodesAndDecodesVectors(String hex, String text) {
        assertEquals(text, Base58.encode(HEX.parseHex(hex)));
        assertEquals(hex, HEX.formatHex(Base58.decode(text)));
    }

    @Test
    void encodesTextVectors() {
        assertEquals("2NEpo7TZRRrLZSi2U", Base58.encode("Hello World!".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z",
                Base58.encode("The quick brown fox jumps over the lazy dog.".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void roundTripsRandomDataWithLeadingZeros() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            for (int z = 0; z < Math.min(3, data.length) && random.nextBoolean(); z++) {
                data[z] = 0;
            }
            assertArrayEquals(data, Base58.decode(Base58.encode(data)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "O", "I", "l", "abc+", "2g ", "\u00e9", "\uD83D\uDE00"})
    void rejectsCharactersOutsideAlphabet(String text) {
        InvalidMultiformatException e = assertThrows(InvalidMultiformatException.class, () -> Base58.decode(text));
        assertTrue(e.getMessage().contains("invalid base58 character"), e.getMessage());
    }
}
