package io.solcial.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.solcial.content.Block;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.DagPb;
import io.solcial.content.PbLink;
import io.solcial.content.PbNode;
import io.solcial.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class H2BlockstoreTest {
    @TempDir
    Path dir;

    private static Block raw(String text) {
        return Block.create(Multicodec.RAW, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Block parentOf(Block child, String data) {
        return DagPb.toBlock(PbNode.of(List.of(PbLink.of(child.cid(), "", child.size())),
                data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void blocksAndPinsSurviveCloseAndReopen() throws Exception {
        Block leaf = raw("persistent leaf");
        Block root = parentOf(leaf, "persistent root");
        Block loose = raw("loose");
        try (Database db = Database.openFile(dir); H2Blockstore store = new H2Blockstore(db)) {
            store.put(leaf);
            store.put(root);
            store.put(loose);
            store.pin(root.cid());
        }
        try (Database db = Database.openFile(dir); H2Blockstore store = new H2Blockstore(db)) {
            assertEquals(3, store.count());
            assertEquals(leaf.size() + root.size() + loose.size(), store.sizeBytes());
            assertEquals(root, store.get(root.cid()).orElseThrow());
            assertEquals(Set.of(root.cid()), store.pins());
            assertTrue(store.isPinned(leaf.cid()), "links persisted with the block");
            assertEquals(1, store.garbageCollect());
        }
    }

    @Test
    void corruptedBytesAreReportedOnGetAndLoggedOnce() throws Exception {
        Block b = raw("soon to rot");
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(H2Blockstore.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try (Database db = Database.openFile(dir); H2Blockstore store = new H2Blockstore(db)) {
            store.put(b);
            try (Connection c = db.connection();
                    PreparedStatement p = c.prepareStatement("UPDATE blocks SET data = ? WHERE cid = ?")) {
                p.setBytes(1, "soon to rot!".getBytes(StandardCharsets.UTF_8));
                p.setBytes(2, b.cid().toBytes());
                assertEquals(1, p.executeUpdate());
            }
            CorruptBlockException e = assertThrows(CorruptBlockException.class, () -> store.get(b.cid()));
            assertEquals(b.cid(), e.cid());
            assertThrows(CorruptBlockException.class, () -> store.get(b.cid()));
            assertTrue(store.has(b.cid()));
        } finally {
            log.detachAppender(events);
        }
        List<ILoggingEvent> errors = events.list.stream().filter(ev -> ev.getLevel() == Level.ERROR).toList();
        assertEquals(1, errors.size(), "one log line for one corrupt block, however often it is read");
        assertTrue(errors.get(0).getFormattedMessage().contains(b.cid().toString()));
    }

    @Test
    void thousandBlocksOf64KiBArePutAndReadBack() throws Exception {
        int n = 1000;
        int size = 64 * 1024;
        Random random = new Random(42);
        Block[] blocks = new Block[n];
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            blocks[i] = Block.create(Multicodec.RAW, data);
        }
        try (Database db = Database.openFile(dir); H2Blockstore store = new H2Blockstore(db)) {
            for (Block b : blocks) {
                store.put(b);
            }
            assertEquals(n, store.count());
            assertEquals((long) n * size, store.sizeBytes());
            for (Block b : blocks) {
                assertArrayEquals(b.bytes(), store.get(b.cid()).orElseThrow().bytes());
            }
        }
    }

    @Test
    void closingTheStoreLeavesTheDatabaseOpen() throws Exception {
        try (Database db = Database.inMemory()) {
            H2Blockstore first = new H2Blockstore(db);
            first.put(raw("shared database"));
            first.close();
            try (H2Blockstore second = new H2Blockstore(db)) {
                assertEquals(1, second.count());
            }
        }
    }
}
