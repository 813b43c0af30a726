package io.solcial.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.Bytes;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UnixFsDataTest {

    private static byte[] hex(String hex) {
        return Bytes.fromHex(hex).toByteArray();
    }

    @Test
    void encodesFileNodeWithUnpackedBlocksizesAsJsDoes() {
        // Type=File, filesize=262145, blocksizes=[262144, 1]: one tag (0x20) per blocksize.
        byte[] encoded = UnixFsData.file(262_145, List.of(262_144L, 1L)).encode();
        assertEquals("0802188180102080801020" + "01", Bytes.of(encoded).toHex());
    }

    @Test
    void roundTripsEveryField() throws Exception {
        UnixFsData data = new UnixFsData(UnixFsType.HAMT_SHARD, Optional.of(Bytes.of(new byte[] {1, 2})),
                OptionalLong.of(7), List.of(3L, 4L), OptionalLong.of(0x22), OptionalLong.of(256),
                OptionalLong.of(0755), Optional.of(new UnixTime(-5, OptionalInt.of(12))));
        assertEquals(data, UnixFsData.decode(data.encode()));
        UnixFsData bare = new UnixFsData(UnixFsType.RAW, Optional.empty(), OptionalLong.empty(), List.of(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
        assertArrayEquals(hex("0800"), bare.encode());
        assertEquals(bare, UnixFsData.decode(hex("0800")));
    }

    @Test
    void rejectsPackedBlocksizes() {
        var e = assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("0802180322020201")));
        assertTrue(e.getMessage().contains("packed"), e.getMessage());
    }

    @Test
    void rejectsMissingTypeUnknownTypeAndUnknownField() {
        assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("1803")));
        assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("0806")));
        assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("08024801")));
    }

    @Test
    void rejectsDuplicatesOutOfOrderFieldsAndBadWireTypes() {
        assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("08020802")));
        assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("180308 02".replace(" ", ""))));
        assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("08021a00")));
    }

    @Test
    void rejectsNonMinimalAndTruncatedInput() {
        assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("088200")));
        assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("08021205ab")));
        assertThrows(BlockFormatException.class, () -> UnixFsData.decode(hex("080218")));
    }
}
