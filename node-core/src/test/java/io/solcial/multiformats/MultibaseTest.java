package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultibaseTest {
    private static final byte[] YES = "yes mani !".getBytes(StandardCharsets.US_ASCII);

    /** "yes mani !" from the multibase spec's test vectors. */
    @Test
    void encodesSpecVectorInEachSupportedBase() {
        assertEquals("f796573206d616e692021", Multibase.BASE16.encode(YES));
        assertEquals("bpfsxgidnmfxgsibb", Multibase.BASE32.encode(YES));
        assertEquals("BPFSXGIDNMFXGSIBB", Multibase.BASE32_UPPER.encode(YES));
        assertEquals("z7paNL19xttacUY", Multibase.BASE58_BTC.encode(YES));
    }

    @ParameterizedTest
    @EnumSource(Multibase.class)
    void decodeChoosesEncodingByPrefix(Multibase base) {
        String text = base.encode(YES);
        assertEquals(base.prefix(), text.charAt(0));
        assertArrayEquals(YES, Multibase.decode(text));
    }

    @Test
    void decodesPrefixOnlyAsEmpty() {
        assertEquals(0, Multibase.decode("b").length);
        assertEquals(0, Multibase.decode("z").length);
    }

    @Test
    void rejectsEmptyString() {
        assertThrows(InvalidMultiformatException.class, () -> Multibase.decode(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"meWVzIG1hbmkgIQ", "F796573206D616E692021", "Kyes", "9"})
    void rejectsUnsupportedPrefix(String text) {
        InvalidMultiformatException e = assertThrows(InvalidMultiformatException.class, () -> Multibase.decode(text));
        assertTrue(e.getMessage().contains("prefix"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f796573206D616E692021", "f7", "fzz", "bPFSX", "Bpfsx", "z0"})
    void rejectsBadBodyForPrefix(String text) {
        assertThrows(InvalidMultiformatException.class, () -> Multibase.decode(text));
    }
}
