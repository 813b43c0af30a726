package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

    /** RFC 4648 section 10 vectors, lower case and without padding. */
    @ParameterizedTest
    @CsvSource({
        "'', ''",
        "f, my",
        "fo, mzxq",
        "foo, mzxw6",
        "foob, mzxw6yq",
        "fooba, mzxw6ytb",
        "foobar, mzxw6ytboi",
    })
    void encodesAndDecodesRfc4648Vectors(String plain, String encoded) {
        byte[] data = plain.getBytes(StandardCharsets.US_ASCII);
        assertEquals(encoded, Base32.encode(data));
        assertArrayEquals(data, Base32.decode(encoded, false));
        assertArrayEquals(data, Base32.decode(encoded.toUpperCase(java.util.Locale.ROOT), true));
    }

    @Test
    void roundTripsRandomData() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(50)];
            random.nextBytes(data);
            assertArrayEquals(data, Base32.decode(Base32.encode(data), false));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"m", "mzx", "mzxw6y", "mzxw6ytbo"})
    void rejectsImpossibleLengths(String text) {
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Base32.decode(text, false));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mz", "mzxr", "mzxw7", "mzxw6yr"})
    void rejectsNonZeroTrailingBits(String text) {
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Base32.decode(text, false));
        assertTrue(e.getMessage().contains("trailing bits"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"m1", "m8", "m=", "my======", "MY", "m Y"})
    void rejectsCharactersOutsideLowerCaseAlphabet(String text) {
        assertThrows(InvalidMultiformatException.class, () -> Base32.decode(text, false));
    }

    @Test
    void upperCaseModeRejectsLowerAndMixedCase() {
        assertThrows(InvalidMultiformatException.class, () -> Base32.decode("my", true));
        assertThrows(InvalidMultiformatException.class, () -> Base32.decode("MZXw6", true));
    }

    @Test
    void upperCaseModeRejectsNonAsciiLookalikes() {
        // U+0130 and U+212A (Kelvin sign) lower-case to the ASCII letters 'i' and 'k'
        assertThrows(InvalidMultiformatException.class, () -> Base32.decode("M\u0130", true));
        assertThrows(InvalidMultiformatException.class, () -> Base32.decode("M\u212A", true));
    }
}
