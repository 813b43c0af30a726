package io.solcial.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarTest {
    private static final Cid EMPTY_RAW = Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    /** The header @ipld/car 5.4.7 writes for that single root (length prefix included). */
    private static final String JS_HEADER = "3aa265726f6f747381d82a58250001551220"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" + "6776657273696f6e01";

    @TempDir
    Path dir;

    @Test
    void headerMatchesJsByteForByte() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CarWriter(out, List.of(EMPTY_RAW)).close();
        assertEquals(JS_HEADER, Bytes.of(out.toByteArray()).toHex());
        CarReader reader = new CarReader(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(List.of(EMPTY_RAW), reader.roots());
        assertTrue(reader.next().isEmpty());
    }

    @Test
    void headerRoundTripsManyAndNoRoots() throws Exception {
        List<Cid> many = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> Cid.of(Multicodec.RAW, new byte[] {(byte) i})).toList();
        assertEquals(many, CarHeader.decode(new CarHeader(many).encode()).roots());
        assertEquals(List.of(), CarHeader.decode(new CarHeader(List.of()).encode()).roots());
    }

    @Test
    void exportsAndImportsAUnixFsDag() throws Exception {
        HashMapBlocks blocks = new HashMapBlocks();
        byte[] data = TestData.bytes(100_000, 3);
        ImportedFile file = new UnixFsImporter(blocks, 1000, 7).importStream(new ByteArrayInputStream(data));
        Path car = dir.resolve("dag.car");
        assertEquals(blocks.size(), Car.exportDag(blocks, file.root(), car));
        HashMapBlocks copy = new HashMapBlocks();
        Car.ImportResult result = Car.importCar(car, copy);
        assertEquals(List.of(file.root()), result.roots());
        assertEquals(blocks.size(), result.blocks());
        assertEquals(blocks.asMap(), copy.asMap());
        assertArrayEquals(data, new UnixFsReader(copy).open(file.root()).readAllBytes());
    }

    @Test
    void exportWritesSharedBlocksOnce() throws Exception {
        HashMapBlocks blocks = new HashMapBlocks();
        ImportedFile file = new UnixFsImporter(blocks, 10, 4).importStream(new ByteArrayInputStream(new byte[100]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(blocks.size(), Car.exportDag(blocks, file.root(), out));
        assertTrue(blocks.puts() > blocks.size(), "identical zero chunks were deduplicated");
    }

    @Test
    void exportOfIncompleteDagNamesTheMissingBlock() throws Exception {
        HashMapBlocks blocks = new HashMapBlocks();
        ImportedFile file = new UnixFsImporter(blocks, 10, 8).importStream(TestData.stream(50, 1));
        Cid leaf = DagPb.decode(blocks.get(file.root()).orElseThrow()).links().get(2).hash();
        blocks.remove(leaf);
        var e = assertThrows(MissingBlockException.class,
                () -> Car.exportDag(blocks, file.root(), new ByteArrayOutputStream()));
        assertEquals(leaf, e.cid());
    }

    private byte[] smallCar() throws Exception {
        Block a = Block.create(Multicodec.RAW, "hello car".getBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(out, List.of(a.cid()))) {
            writer.write(a);
        }
        return out.toByteArray();
    }

    private static void readAll(byte[] car) throws Exception {
        Car.importCar(new ByteArrayInputStream(car), new HashMapBlocks());
    }

    @Test
    void rejectsTruncatedCarAtEveryCut() throws Exception {
        byte[] car = smallCar();
        readAll(car);
        int headerEnd = 1 + (car[0] & 0xFF);
        for (int cut = 0; cut < car.length; cut++) {
            if (cut == headerEnd) {
                continue; // a header with no sections is a valid CAR
            }
            byte[] truncated = Arrays.copyOf(car, cut);
            var e = assertThrows(CarFormatException.class, () -> readAll(truncated), "cut at " + cut);
            assertTrue(cut == 0 || e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void rejectsBlockThatDoesNotMatchItsCid() throws Exception {
        byte[] car = smallCar();
        car[car.length - 1] ^= 1;
        assertThrows(CorruptBlockException.class, () -> readAll(car));
    }

    @Test
    void rejectsBadHeaders() {
        String root = "d82a58250001551220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        String[] bad = {
            "a265726f6f747381" + root + "6776657273696f6e02",           // version 2
            "a26776657273696f6e01" + "65726f6f747381" + root,            // keys out of order
            "a365726f6f747381" + root + "6776657273696f6e01",           // three entries
            "a265726f6f74739801" + root + "6776657273696f6e01",         // non-minimal array length
            "a265726f6f747381" + root.replace("58250001", "58250101") + "6776657273696f6e01", // no 0x00 prefix
            "a265726f6f747381" + root + "6776657273696f6e0100",         // trailing byte
            "a265726f6f74739f" + root + "ff6776657273696f6e01",         // indefinite array
        };
        for (String header : bad) {
            byte[] body = Bytes.fromHex(header).toByteArray();
            byte[] car = new byte[body.length + 1];
            car[0] = (byte) body.length;
            System.arraycopy(body, 0, car, 1, body.length);
            assertThrows(CarFormatException.class, () -> new CarReader(new ByteArrayInputStream(car)), header);
        }
        assertThrows(CarFormatException.class, () -> new CarReader(new ByteArrayInputStream(new byte[] {0})));
        assertThrows(CarFormatException.class, () -> new CarReader(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void rejectsOversizedAndEmptySections() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CarWriter(out, List.of(EMPTY_RAW)).close();
        byte[] header = out.toByteArray();
        byte[] huge = Arrays.copyOf(header, header.length + 4);
        System.arraycopy(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x02}, 0, huge, header.length, 4);
        var e = assertThrows(CarFormatException.class, () -> readAll(huge));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        byte[] empty = Arrays.copyOf(header, header.length + 1);
        assertThrows(CarFormatException.class, () -> readAll(empty));
    }
}
