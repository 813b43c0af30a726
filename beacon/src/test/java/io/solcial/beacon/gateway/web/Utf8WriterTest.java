package io.solcial.beacon.gateway.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8WriterTest {
    private static final String MIXED = "plain ASCII <a href=\"/u/x\">, é ß · … ✓ ☀️, emoji 👋🏽 and 𝄞";

    @Test
    void encodesLikeStringGetBytesWhateverTheWriteSizes() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            String text = MIXED.repeat(1 + random.nextInt(5));
            Utf8Writer out = new Utf8Writer(8); // small: forces growth
            for (int i = 0; i < text.length(); ) {
                int n = Math.min(text.length() - i, 1 + random.nextInt(random.nextBoolean() ? 7 : 150)); // splits pairs too
                switch (random.nextInt(3)) {
                    case 0 -> out.write(text, i, n);
                    case 1 -> out.write(text.substring(i, i + n).toCharArray(), 0, n);
                    default -> {
                        for (int k = i; k < i + n; k++) {
                            out.write(text.charAt(k));
                        }
                    }
                }
                i += n;
            }
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), out.toByteArray(), text);
        }
    }

    @Test
    void loneSurrogatesBecomeQuestionMarksAsInTheJdk() {
        String pad = "x".repeat(100); // long writes take the bulk path
        for (String s : new String[] {"a\uD83Db", "a\uDC4Bb", "end\uD83D", "\uDC4B\uD83D\uDC4B", "\uD83D\uD83D\uDC4B"}) {
            for (String t : new String[] {s, pad + s, s + pad, pad + s + pad}) {
                Utf8Writer out = new Utf8Writer(4);
                out.write(t, 0, t.length());
                assertArrayEquals(t.getBytes(StandardCharsets.UTF_8), out.toByteArray(), t);
            }
        }
        // a pair split between a long write and the next one
        Utf8Writer out = new Utf8Writer(4);
        String a = pad + "\uD83D";
        out.write(a, 0, a.length());
        out.write("\uDC4B" + pad, 0, pad.length() + 1);
        assertArrayEquals((pad + "\uD83D\uDC4B" + pad).getBytes(StandardCharsets.UTF_8), out.toByteArray());
    }

    @Test
    void resetReusesTheBuffer() {
        Utf8Writer out = new Utf8Writer(4);
        out.write("first page, long enough to grow", 0, 31);
        int grown = out.capacity();
        out.reset();
        out.write("✓", 0, 1);
        assertArrayEquals("✓".getBytes(StandardCharsets.UTF_8), out.toByteArray());
        assertEquals(grown, out.capacity());
    }
}
