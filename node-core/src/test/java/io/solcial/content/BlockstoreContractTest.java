package io.solcial.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Blockstore} must have; each implementation runs it in a subclass. */
public abstract class BlockstoreContractTest {

    protected Blockstore store;

    /** A new, empty store. */
    protected abstract Blockstore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    protected static Block raw(String text) {
        return Block.create(Multicodec.RAW, text.getBytes(StandardCharsets.UTF_8));
    }

    protected static Block node(String data, Block... children) {
        List<PbLink> links = new ArrayList<>();
        for (int i = 0; i < children.length; i++) {
            links.add(PbLink.of(children[i].cid(), "c" + i, children[i].size()));
        }
        return DagPb.toBlock(PbNode.of(links, data.getBytes(StandardCharsets.UTF_8)));
    }

    private void putAll(Block... blocks) throws StoreException {
        for (Block b : blocks) {
            store.put(b);
        }
    }

    @Test
    void getReturnsThePutBlock() throws Exception {
        Block b = raw("hello");
        store.put(b);
        Block got = store.get(b.cid()).orElseThrow();
        assertEquals(b, got);
        assertArrayEquals(b.bytes(), got.bytes());
    }

    @Test
    void getOfAbsentBlockIsEmpty() throws Exception {
        assertTrue(store.get(raw("nothing").cid()).isEmpty());
        assertFalse(store.has(raw("nothing").cid()));
    }

    @Test
    void blockSizeIsTheStoredSizeOrEmpty() throws Exception {
        Block b = raw("sized block");
        store.put(b);
        assertEquals(java.util.OptionalInt.of(b.size()), store.blockSize(b.cid()));
        assertEquals(java.util.OptionalInt.of(b.size()), store.blockSize(b.cid().toV1()));
        assertTrue(store.blockSize(raw("absent").cid()).isEmpty());
    }

    @Test
    void putOfPresentBlockIsNoOp() throws Exception {
        Block b = raw("twice");
        store.put(b);
        store.put(b);
        assertEquals(1, store.count());
        assertEquals(b.size(), store.sizeBytes());
    }

    @Test
    void hasReflectsPutAndDelete() throws Exception {
        Block b = raw("here");
        store.put(b);
        assertTrue(store.has(b.cid()));
        assertTrue(store.delete(b.cid()));
        assertFalse(store.has(b.cid()));
        assertTrue(store.get(b.cid()).isEmpty());
    }

    @Test
    void deleteOfAbsentBlockReturnsFalse() throws Exception {
        assertFalse(store.delete(raw("never").cid()));
    }

    @Test
    void countAndSizeAreExact() throws Exception {
        assertEquals(0, store.count());
        assertEquals(0, store.sizeBytes());
        Block a = Block.create(Multicodec.RAW, new byte[100]);
        Block b = Block.create(Multicodec.RAW, new byte[2000]);
        Block c = Block.create(Multicodec.RAW, new byte[0]);
        Block n = node("node", a, b);
        putAll(a, b, c, n);
        assertEquals(4, store.count());
        assertEquals(100 + 2000 + n.size(), store.sizeBytes());
        store.delete(b.cid());
        assertEquals(3, store.count());
        assertEquals(100 + n.size(), store.sizeBytes());
    }

    @Test
    void dagPbBlockIsFoundByItsV0AndV1Cid() throws Exception {
        Block n = node("v0", raw("leaf"));
        Cid v0 = Cid.v0(n.cid().multihash());
        store.put(n);
        assertTrue(store.has(v0));
        Block got = store.get(v0).orElseThrow();
        assertEquals(v0, got.cid());
        assertArrayEquals(n.bytes(), got.bytes());

        Block fromV0 = Block.verified(v0, n.bytes());
        store.delete(n.cid());
        store.put(fromV0);
        assertEquals(n, store.get(n.cid()).orElseThrow());
        assertEquals(1, store.count());
    }

    @Test
    void pinProtectsTheWholeDag() throws Exception {
        Block leaf = raw("leaf");
        Block mid = node("mid", leaf);
        Block root = node("root", mid);
        Block other = raw("other");
        putAll(leaf, mid, root, other);
        store.pin(root.cid());
        assertTrue(store.isPinned(root.cid()));
        assertTrue(store.isPinned(mid.cid()));
        assertTrue(store.isPinned(leaf.cid()));
        assertFalse(store.isPinned(other.cid()));
        assertEquals(Set.of(root.cid()), store.pins());
    }

    @Test
    void deleteOfPinnedBlockThrowsSayingItIsPinned() throws Exception {
        Block leaf = raw("leaf");
        Block root = node("root", leaf);
        putAll(leaf, root);
        store.pin(root.cid());
        StoreException onLeaf = assertThrows(StoreException.class, () -> store.delete(leaf.cid()));
        assertTrue(onLeaf.getMessage().contains("pinned"), onLeaf.getMessage());
        StoreException onRoot = assertThrows(StoreException.class, () -> store.delete(root.cid()));
        assertTrue(onRoot.getMessage().contains("pinned"), onRoot.getMessage());
        assertTrue(store.has(leaf.cid()));
        assertTrue(store.has(root.cid()));
    }

    @Test
    void pinCoversBlocksThatArriveLater() throws Exception {
        Block leaf = raw("late leaf");
        Block mid = node("late mid", leaf);
        Block root = node("late root", mid);
        store.pin(root.cid());
        assertTrue(store.isPinned(root.cid()));
        store.put(leaf);
        assertFalse(store.isPinned(leaf.cid()), "no present block links the leaf to the root yet");
        store.put(root);
        store.put(mid);
        assertTrue(store.isPinned(mid.cid()));
        assertTrue(store.isPinned(leaf.cid()));
        assertEquals(0, store.garbageCollect());
        assertEquals(3, store.count());
    }

    @Test
    void pinIsIdempotentAndUnpinReportsWhetherItWasPinned() throws Exception {
        Block b = raw("pin me");
        store.put(b);
        store.pin(b.cid());
        store.pin(b.cid());
        assertEquals(Set.of(b.cid()), store.pins());
        assertTrue(store.unpin(b.cid()));
        assertFalse(store.unpin(b.cid()));
        assertFalse(store.isPinned(b.cid()));
        assertTrue(store.pins().isEmpty());
        assertTrue(store.delete(b.cid()));
    }

    @Test
    void pinByV0CidPinsTheSameBlock() throws Exception {
        Block leaf = raw("under v0");
        Block root = node("v0 root", leaf);
        putAll(leaf, root);
        store.pin(Cid.v0(root.cid().multihash()));
        assertTrue(store.isPinned(root.cid()));
        assertTrue(store.isPinned(leaf.cid()));
        assertTrue(store.unpin(root.cid()));
    }

    @Test
    void garbageCollectDeletesEveryUnpinnedBlock() throws Exception {
        Block keptLeaf = raw("kept leaf");
        Block keptRoot = node("kept", keptLeaf);
        Block goneLeaf = raw("gone leaf");
        Block goneRoot = node("gone", goneLeaf);
        Block loose = raw("loose");
        putAll(keptLeaf, keptRoot, goneLeaf, goneRoot, loose);
        store.pin(keptRoot.cid());

        assertEquals(3, store.garbageCollect());
        assertEquals(2, store.count());
        assertEquals(keptLeaf.size() + keptRoot.size(), store.sizeBytes());
        assertTrue(store.has(keptLeaf.cid()));
        assertTrue(store.has(keptRoot.cid()));
        assertFalse(store.has(goneLeaf.cid()));
        assertFalse(store.has(goneRoot.cid()));
        assertFalse(store.has(loose.cid()));
        assertEquals(0, store.garbageCollect());
    }

    @Test
    void garbageCollectWithoutPinsEmptiesTheStore() throws Exception {
        putAll(raw("a"), raw("b"), node("c", raw("a")));
        assertEquals(3, store.garbageCollect());
        assertEquals(0, store.count());
        assertEquals(0, store.sizeBytes());
    }

    @Test
    void sharedBlockStaysWhileAnyPinReachesIt() throws Exception {
        Block shared = raw("shared");
        Block first = node("first", shared);
        Block second = node("second", shared);
        putAll(shared, first, second);
        store.pin(first.cid());
        store.pin(second.cid());
        store.unpin(first.cid());
        assertEquals(1, store.garbageCollect());
        assertTrue(store.isPinned(shared.cid()));
        store.unpin(second.cid());
        assertFalse(store.isPinned(shared.cid()));
        assertTrue(store.delete(shared.cid()));
    }

    @Test
    void repeatedLinksToOneChildAreFine() throws Exception {
        Block zeros = Block.create(Multicodec.RAW, new byte[1024]);
        Block file = node("file", zeros, zeros, zeros);
        putAll(zeros, file);
        store.pin(file.cid());
        assertTrue(store.isPinned(zeros.cid()));
        assertEquals(0, store.garbageCollect());
        store.unpin(file.cid());
        assertEquals(2, store.garbageCollect());
    }

    @Test
    void deepChainIsPinnedEndToEnd() throws Exception {
        Block tail = raw("genesis");
        store.put(tail);
        Block first = tail;
        for (int i = 0; i < 300; i++) {
            tail = node("entry " + i, tail);
            store.put(tail);
        }
        store.pin(tail.cid());
        assertTrue(store.isPinned(first.cid()));
        assertEquals(0, store.garbageCollect());
        assertEquals(301, store.count());
    }

    @Test
    void dagPbBlockWhoseBytesDoNotDecodeIsRejected() {
        Block garbage = Block.create(Multicodec.DAG_PB, new byte[] {(byte) 0xff, 0x01, 0x02});
        StoreException e = assertThrows(StoreException.class, () -> store.put(garbage));
        assertTrue(e.getMessage().contains("dag-pb"), e.getMessage());
    }

    @Test
    void blockOfACodecWithoutDecoderIsStoredAsALeaf() throws Exception {
        Block cbor = Block.create(Multicodec.DAG_CBOR, new byte[] {(byte) 0xa0});
        store.put(cbor);
        assertEquals(cbor, store.get(cbor.cid()).orElseThrow());
        store.pin(cbor.cid());
        assertTrue(store.isPinned(cbor.cid()));
    }

    @Test
    void concurrentPutsFromSeveralThreadsAreAllStoredOnce() throws Exception {
        int threads = 8;
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            blocks.add(Block.create(Multicodec.RAW, ("block " + i).getBytes(StandardCharsets.UTF_8)));
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                // Every thread puts every block, each starting at its own offset, so puts collide.
                int offset = t * blocks.size() / threads;
                done.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < blocks.size(); i++) {
                        store.put(blocks.get((offset + i) % blocks.size()));
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(blocks.size(), store.count());
        assertEquals(blocks.stream().mapToLong(Block::size).sum(), store.sizeBytes());
        for (Block b : blocks) {
            assertEquals(b, store.get(b.cid()).orElseThrow());
        }
    }

    @Test
    void garbageCollectionRunningDuringPutsNeverLosesAPinnedBlock() throws Exception {
        List<Block> leaves = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            leaves.add(raw("pinned leaf " + i));
        }
        Block root = node("root of many", leaves.toArray(Block[]::new));
        store.pin(root.cid());
        store.put(root);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Void> puts = pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < leaves.size(); i++) {
                    store.put(leaves.get(i));
                    store.put(raw("unpinned noise " + i));
                }
                return null;
            });
            Future<Void> collector = pool.submit((Callable<Void>) () -> {
                while (!puts.isDone()) {
                    store.garbageCollect();
                }
                return null;
            });
            puts.get(60, TimeUnit.SECONDS);
            collector.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        store.garbageCollect();
        for (Block leaf : leaves) {
            assertTrue(store.has(leaf.cid()), "pinned " + leaf.cid() + " survived");
        }
        assertEquals(leaves.size() + 1, store.count());
    }

    @Test
    void closedStoreRefusesCalls() throws Exception {
        store.close();
        assertThrows(StoreException.class, () -> store.put(raw("late")));
        assertThrows(StoreException.class, () -> store.count());
    }
}
