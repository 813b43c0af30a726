package io.solcial.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UnixFsReaderTest {
    private final HashMapBlocks blocks = new HashMapBlocks();

    private Block raw(String text) {
        Block block = Block.create(Multicodec.RAW, text.getBytes());
        blocks.put(block);
        return block;
    }

    private Block fileNode(UnixFsData data, Block... children) {
        List<PbLink> links = new ArrayList<>();
        for (Block child : children) {
            links.add(PbLink.of(child.cid(), "", child.size()));
        }
        Block block = DagPb.toBlock(PbNode.of(links, data.encode()));
        blocks.put(block);
        return block;
    }

    private String read(Cid root) throws Exception {
        try (InputStream in = new UnixFsReader(blocks).open(root)) {
            return new String(in.readAllBytes());
        }
    }

    @Test
    void readsInlineDataBeforeChildren() throws Exception {
        UnixFsData data = new UnixFsData(UnixFsType.FILE, Optional.of(Bytes.of("ab".getBytes())),
                OptionalLong.of(5), List.of(3L), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty());
        assertEquals("abcde", read(fileNode(data, raw("cde")).cid()));
    }

    @Test
    void missingChildIsAnIOExceptionNamingTheCid() throws Exception {
        Block leaf = raw("hello");
        Block root = fileNode(UnixFsData.file(10, List.of(5L, 5L)), leaf, raw("world"));
        Cid missing = DagPb.decode(root).links().get(1).hash();
        blocks.remove(missing);
        InputStream in = new UnixFsReader(blocks).open(root.cid());
        MissingBlockException e = assertThrows(MissingBlockException.class, in::readAllBytes);
        assertEquals(missing, e.cid());
        assertTrue(e.getMessage().contains(missing.toString()));
    }

    @Test
    void missingRootFailsOnOpen() {
        Cid absent = Cid.of(Multicodec.RAW, new byte[] {1});
        assertThrows(MissingBlockException.class, () -> new UnixFsReader(blocks).open(absent));
    }

    @Test
    void rejectsBlocksizesThatDisagreeWithLinkCount() {
        Block root = fileNode(UnixFsData.file(5, List.of(5L, 0L)), raw("hello"));
        assertThrows(InvalidDagException.class, () -> read(root.cid()));
    }

    @Test
    void rejectsFilesizeThatDisagreesWithBlocksizes() {
        Block root = fileNode(UnixFsData.file(6, List.of(5L)), raw("hello"));
        var e = assertThrows(InvalidDagException.class, () -> read(root.cid()));
        assertTrue(e.getMessage().contains("filesize"), e.getMessage());
    }

    @Test
    void rejectsChildWhoseSizeDiffersFromItsBlocksize() {
        Block root = fileNode(UnixFsData.file(8, List.of(4L, 4L)), raw("hello"), raw("abc"));
        var e = assertThrows(InvalidDagException.class, () -> read(root.cid()));
        assertTrue(e.getMessage().contains("blocksizes[0]"), e.getMessage());
    }

    @Test
    void rejectsDirectoriesDagPbWithoutDataAndOtherCodecs() {
        UnixFsData dir = new UnixFsData(UnixFsType.DIRECTORY, Optional.empty(), OptionalLong.empty(), List.of(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
        Block dirNode = fileNode(dir);
        assertThrows(InvalidDagException.class, () -> read(dirNode.cid()));

        Block noData = DagPb.toBlock(new PbNode(List.of(), Optional.empty()));
        blocks.put(noData);
        assertThrows(InvalidDagException.class, () -> read(noData.cid()));

        Block notUnixFs = DagPb.toBlock(PbNode.of(List.of(), new byte[] {0x7f}));
        blocks.put(notUnixFs);
        assertThrows(InvalidDagException.class, () -> read(notUnixFs.cid()));

        Block cbor = Block.create(Multicodec.DAG_CBOR, new byte[] {(byte) 0xa0});
        blocks.put(cbor);
        assertThrows(InvalidDagException.class, () -> read(cbor.cid()));
    }

    @Test
    void enforcesDepthAndSizeLimits() throws Exception {
        Block node = raw("x");
        for (int i = 0; i < 5; i++) {
            node = fileNode(UnixFsData.file(1, List.of(1L)), node);
        }
        Cid root = node.cid();
        assertEquals("x", read(root));
        InputStream deep = new UnixFsReader(blocks, new UnixFsReader.Limits(3, 10, 100)).open(root);
        assertThrows(InvalidDagException.class, deep::readAllBytes);
        assertThrows(InvalidDagException.class,
                () -> new UnixFsReader(blocks, new UnixFsReader.Limits(10, 10, 0)).open(root));
        Block wide = fileNode(UnixFsData.file(3, List.of(1L, 1L, 1L)), raw("a"), raw("b"), raw("c"));
        assertThrows(InvalidDagException.class,
                () -> new UnixFsReader(blocks, new UnixFsReader.Limits(10, 2, 100)).open(wide.cid()));
    }

    @Test
    void rejectsCorruptStoredBlock() {
        Block root = fileNode(UnixFsData.file(5, List.of(5L)), raw("hello"));
        BlockSource corrupt = cid -> {
            throw new CorruptBlockException(cid, "bytes do not match the hash");
        };
        assertThrows(InvalidDagException.class, () -> new UnixFsReader(corrupt).open(root.cid()));
    }
}
