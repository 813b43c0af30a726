package io.solcial.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UnixFsRoundTripTest {
    private static final int CHUNK = UnixFsImporter.DEFAULT_CHUNK_SIZE;

    @Test
    void emptyFileIsTheEmptyRawBlock() throws Exception {
        HashMapBlocks blocks = new HashMapBlocks();
        ImportedFile file = new UnixFsImporter(blocks).importStream(InputStream.nullInputStream());
        assertEquals(Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"), file.root());
        assertEquals(0, file.size());
        assertEquals(1, blocks.size());
        assertArrayEquals(new byte[0], new UnixFsReader(blocks).open(file.root()).readAllBytes());
    }

    @Test
    void singleChunkFileIsItsRawLeaf() throws Exception {
        HashMapBlocks blocks = new HashMapBlocks();
        byte[] data = TestData.bytes(CHUNK, 1);
        ImportedFile file = new UnixFsImporter(blocks).importStream(new ByteArrayInputStream(data));
        assertEquals(Cid.of(Multicodec.RAW, data), file.root());
        assertEquals(1, blocks.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 5 * 1024 * 1024 + 7})
    void roundTripsDefaultLayout(int size) throws Exception {
        HashMapBlocks blocks = new HashMapBlocks();
        byte[] data = TestData.bytes(size, size);
        List<Long> progress = new ArrayList<>();
        ImportedFile file = new UnixFsImporter(blocks).importStream(new ByteArrayInputStream(data), progress::add);
        assertEquals(size, file.size());
        assertEquals((long) size, progress.get(progress.size() - 1));
        UnixFsReader reader = new UnixFsReader(blocks);
        assertEquals(size, reader.size(file.root()));
        assertArrayEquals(data, reader.open(file.root()).readAllBytes());
        int leaves = Math.max(1, (size + CHUNK - 1) / CHUNK);
        assertEquals(leaves == 1 ? 1 : leaves + 1, blocks.puts(), "leaves plus one root");
    }

    @Test
    void twoChunksMakeARootWithUnnamedLinksAndTsizes() throws Exception {
        HashMapBlocks blocks = new HashMapBlocks();
        ImportedFile file = new UnixFsImporter(blocks).importStream(TestData.stream(CHUNK + 1, 9));
        PbNode root = DagPb.decode(blocks.get(file.root()).orElseThrow());
        assertEquals(2, root.links().size());
        assertEquals("", root.links().get(0).name().orElseThrow());
        assertEquals(CHUNK, root.links().get(0).tsize().getAsLong());
        assertEquals(1, root.links().get(1).tsize().getAsLong());
        assertEquals(UnixFsData.file(CHUNK + 1, List.of((long) CHUNK, 1L)),
                UnixFsData.decode(root.data().orElseThrow().toByteArray()));
    }

    @Test
    void roundTripsMultiLevelDagWithSmallChunksStreamingWithoutReadAll() throws Exception {
        HashMapBlocks blocks = new HashMapBlocks();
        int size = 16 * 3 * 3 * 3 + 5; // four levels with chunk 16, three links per node
        ImportedFile file = new UnixFsImporter(blocks, 16, 3).importStream(TestData.stream(size, 4));
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        expected.update(TestData.bytes(size, 4));
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new UnixFsReader(blocks).open(file.root())) {
            byte[] buf = new byte[7];
            for (int n; (n = in.read(buf)) > 0; ) {
                actual.update(buf, 0, n);
            }
        }
        assertArrayEquals(expected.digest(), actual.digest());
        assertEquals(5, depth(blocks, file.root()));
    }

    @Test
    void balancedLayoutWrapsAPartialLastBatchAtEveryLevel() throws Exception {
        // 4 leaves with 3 links per node: [3 leaves] and [1 leaf] become two nodes under the root.
        HashMapBlocks blocks = new HashMapBlocks();
        ImportedFile file = new UnixFsImporter(blocks, 4, 3).importStream(TestData.stream(16, 2));
        PbNode root = DagPb.decode(blocks.get(file.root()).orElseThrow());
        assertEquals(2, root.links().size());
        PbNode second = DagPb.decode(blocks.get(root.links().get(1).hash()).orElseThrow());
        assertEquals(1, second.links().size());
        assertTrue(root.links().get(0).tsize().getAsLong() > 12);
    }

    private static int depth(HashMapBlocks blocks, Cid cid) throws Exception {
        if (cid.codec() == Multicodec.RAW) {
            return 1;
        }
        return 1 + depth(blocks, DagPb.decode(blocks.get(cid).orElseThrow()).links().get(0).hash());
    }
}
