package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void copiesOnTheWayInAndOut() {
        byte[] data = {1, 2, 3};
        Bytes b = Bytes.of(data);
        data[0] = 9;
        assertEquals("010203", b.toHex());
        b.toByteArray()[1] = 9;
        assertEquals("010203", b.toHex());
    }

    @Test
    void hasValueEquality() {
        assertEquals(Bytes.fromHex("00ff"), Bytes.of(new byte[] {0, (byte) 0xFF}));
        assertEquals(Bytes.fromHex("00ff").hashCode(), Bytes.of(new byte[] {0, (byte) 0xFF}).hashCode());
        assertNotEquals(Bytes.fromHex("00"), Bytes.fromHex("0000"));
        assertSame(Bytes.EMPTY, Bytes.of(new byte[0]));
    }

    @Test
    void ordersAsUnsignedBytes() {
        assertTrue(Bytes.fromHex("7f").compareTo(Bytes.fromHex("80")) < 0);
        assertTrue(Bytes.fromHex("01").compareTo(Bytes.fromHex("0100")) < 0);
        assertEquals(0, Bytes.fromHex("ab").compareTo(Bytes.fromHex("AB")));
    }

    @Test
    void slicesWithinBounds() {
        assertEquals("0203", Bytes.of(new byte[] {1, 2, 3, 4}, 1, 2).toHex());
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.of(new byte[2], 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.of(new byte[2], 3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.of(new byte[2], 1, -1));
    }

    @Test
    void rejectsNonHex() {
        assertThrows(InvalidMultiformatException.class, () -> Bytes.fromHex("abc"));
        assertThrows(InvalidMultiformatException.class, () -> Bytes.fromHex("zz"));
    }

    @Test
    void printsAsHex() {
        assertEquals("00ff10", Bytes.fromHex("00FF10").toString());
        assertEquals(3, Bytes.fromHex("00FF10").length());
        assertEquals((byte) 0xFF, Bytes.fromHex("00FF10").get(1));
    }
}
