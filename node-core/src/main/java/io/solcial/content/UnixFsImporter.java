package io.solcial.content;

import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Imports a byte stream as a UnixFS file with the layout of {@code ipfs add --cid-version=1}
 * (kubo's and Helia's defaults for CIDv1): fixed-size chunks stored as raw leaves, a balanced
 * DAG of dag-pb File nodes with at most {@code maxLinks} children each, links named "" whose
 * Tsize is the child's block size plus its descendants'. A stream of at most one chunk (the
 * empty stream included) is its single raw leaf.
 *
 * <p>Memory stays constant in the file size: one chunk buffer and at most {@code maxLinks}
 * pending links per tree level. Blocks go to the sink as soon as they are complete.
 */
public final class UnixFsImporter {
    public static final int DEFAULT_CHUNK_SIZE = 262_144;
    public static final int DEFAULT_MAX_LINKS = 174;
    /** Keeps an internal node well inside {@link Block#MAX_SIZE}. */
    public static final int MAX_LINKS_LIMIT = 8192;

    private final BlockSink sink;
    private final int chunkSize;
    private final int maxLinks;

    public UnixFsImporter(BlockSink sink) {
        this(sink, DEFAULT_CHUNK_SIZE, DEFAULT_MAX_LINKS);
    }

    public UnixFsImporter(BlockSink sink, int chunkSize, int maxLinks) {
        this.sink = Objects.requireNonNull(sink, "sink");
        if (chunkSize < 1 || chunkSize > Block.MAX_SIZE) {
            throw new IllegalArgumentException("chunk size must be 1.." + Block.MAX_SIZE + ", got " + chunkSize);
        }
        if (maxLinks < 2 || maxLinks > MAX_LINKS_LIMIT) {
            throw new IllegalArgumentException("max links must be 2.." + MAX_LINKS_LIMIT + ", got " + maxLinks);
        }
        this.chunkSize = chunkSize;
        this.maxLinks = maxLinks;
    }

    public ImportedFile importStream(InputStream in) throws IOException, StoreException {
        return importStream(in, bytes -> { });
    }

    /** Reads {@code in} to its end; {@code progress} gets the running total of bytes read. */
    public ImportedFile importStream(InputStream in, LongConsumer progress) throws IOException, StoreException {
        Layout layout = new Layout();
        byte[] buffer = new byte[chunkSize];
        long total = 0;
        boolean first = true;
        while (true) {
            int n = in.readNBytes(buffer, 0, chunkSize);
            if (n == 0 && !first) {
                break;
            }
            first = false;
            Block leaf = Block.create(Multicodec.RAW, Arrays.copyOf(buffer, n));
            sink.put(leaf);
            total += n;
            progress.accept(total);
            layout.add(0, new Entry(leaf.cid(), n, n));
            if (n < chunkSize) {
                break;
            }
        }
        return new ImportedFile(layout.finish().cid, total);
    }

    /** A finished subtree: its root CID, the file bytes under it and its cumulative size. */
    private record Entry(Cid cid, long fileSize, long tsize) {
    }

    /** The balanced layout, built bottom-up: each level batches up to maxLinks entries. */
    private final class Layout {
        private final List<List<Entry>> pending = new ArrayList<>();
        private final List<Long> added = new ArrayList<>();

        void add(int level, Entry entry) throws StoreException {
            if (pending.size() == level) {
                pending.add(new ArrayList<>());
                added.add(0L);
            }
            List<Entry> batch = pending.get(level);
            batch.add(entry);
            added.set(level, added.get(level) + 1);
            if (batch.size() == maxLinks) {
                Entry parent = parent(batch);
                batch.clear();
                add(level + 1, parent);
            }
        }

        /** Closes partial batches level by level until one level holds a single entry: the root. */
        Entry finish() throws StoreException {
            for (int level = 0; ; level++) {
                List<Entry> batch = pending.get(level);
                boolean top = level == pending.size() - 1;
                if (top && added.get(level) == 1) {
                    return batch.get(0);
                }
                if (!batch.isEmpty()) {
                    Entry parent = parent(batch);
                    batch.clear();
                    add(level + 1, parent);
                }
            }
        }

        private Entry parent(List<Entry> children) throws StoreException {
            List<PbLink> links = new ArrayList<>(children.size());
            List<Long> blocksizes = new ArrayList<>(children.size());
            long fileSize = 0;
            long tsize = 0;
            for (Entry child : children) {
                links.add(PbLink.of(child.cid, "", child.tsize));
                blocksizes.add(child.fileSize);
                fileSize += child.fileSize;
                tsize += child.tsize;
            }
            Block block = DagPb.toBlock(PbNode.of(links, UnixFsData.file(fileSize, blocksizes).encode()));
            sink.put(block);
            return new Entry(block.cid(), fileSize, tsize + block.size());
        }
    }
}
