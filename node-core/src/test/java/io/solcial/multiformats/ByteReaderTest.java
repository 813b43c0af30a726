package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteReaderTest {

    @Test
    void readsWithinAWindow() {
        ByteReader in = new ByteReader(new byte[] {9, 1, 2, 3, 9}, 1, 3);
        assertEquals(1, in.position());
        assertEquals(1, in.readByte());
        assertArrayEquals(new byte[] {2, 3}, in.readRest());
        assertFalse(in.hasRemaining());
        in.requireEnd("test");
    }

    @Test
    void rejectsReadsPastTheWindow() {
        ByteReader in = new ByteReader(new byte[] {1, 2, 3, 4}, 0, 2);
        InvalidMultiformatException e = assertThrows(InvalidMultiformatException.class, () -> in.readBytes(3));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        in.readBytes(2);
        assertThrows(InvalidMultiformatException.class, in::readByte);
        assertThrows(InvalidMultiformatException.class, () -> in.readBytes(-1));
    }

    @Test
    void requireEndReportsTrailingBytes() {
        ByteReader in = new ByteReader(new byte[] {1, 2});
        in.readByte();
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> in.requireEnd("thing"));
        assertTrue(e.getMessage().contains("1 trailing bytes after thing"), e.getMessage());
    }

    @Test
    void rejectsWindowOutsideTheArray() {
        assertThrows(IndexOutOfBoundsException.class, () -> new ByteReader(new byte[2], 1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> new ByteReader(new byte[2], -1, 1));
        assertThrows(IndexOutOfBoundsException.class,
                () -> new ByteReader(new byte[2], 1, Integer.MAX_VALUE));
    }
}
