package io.solcial.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyFileFormatTest {
    private static KeyFileFormat detect(String text) throws KeyFileFormatException {
        return KeyFileFormat.detect(text.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void detectsByFirstToken() throws KeyFileFormatException {
        assertEquals(KeyFileFormat.SOLANA_KEYPAIR, detect(" \n[1,2]"));
        assertEquals(KeyFileFormat.KEYSTORE, detect("\uFEFF{\"format\":1}"));
    }

    @Test
    void rejectsOtherContent() {
        assertThrows(KeyFileFormatException.class, () -> detect(""));
        assertThrows(KeyFileFormatException.class, () -> detect("hello"));
    }
}
