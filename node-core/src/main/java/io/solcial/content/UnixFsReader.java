package io.solcial.content;

import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Reads a UnixFS file DAG back as bytes: a raw leaf, or dag-pb File (or legacy Raw) nodes whose
 * inline data comes first and then their children in link order, nested to any depth the limits
 * allow. Blocks are fetched lazily as the stream is read, one path from the root at a time.
 *
 * <p>Every node is checked before its bytes are produced: it must decode, have as many
 * blocksizes as links, a filesize (when present) equal to its inline data plus its blocksizes,
 * and a content size equal to what its parent's blocksizes promised. So a stream never yields
 * more or fewer bytes than the root declares. A missing block is a {@link MissingBlockException},
 * anything else wrong an {@link InvalidDagException}, both naming the CID.
 */
public final class UnixFsReader {

    /** Bounds that keep a hostile DAG from costing more than a legitimate file would. */
    public record Limits(int maxDepth, int maxLinksPerNode, long maxFileSize) {
        public Limits {
            if (maxDepth < 0 || maxLinksPerNode < 0 || maxFileSize < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
        }

        /** Depth 32 (174^32 chunks is far beyond any file), 8192 links per node, 1 TiB. */
        public static Limits defaults() {
            return new Limits(32, UnixFsImporter.MAX_LINKS_LIMIT, 1L << 40);
        }
    }

    private final BlockSource source;
    private final Limits limits;

    public UnixFsReader(BlockSource source) {
        this(source, Limits.defaults());
    }

    public UnixFsReader(BlockSource source, Limits limits) {
        this.source = Objects.requireNonNull(source, "source");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The file size the root declares (checked against the DAG as it is read). */
    public long size(Cid root) throws IOException {
        return load(root, 0).size;
    }

    /** Opens the file under {@code root}; the root block is fetched and checked at once. */
    public InputStream open(Cid root) throws IOException {
        Node node = load(root, 0);
        if (node.size > limits.maxFileSize()) {
            throw new InvalidDagException(root, "file size " + node.size + " exceeds " + limits.maxFileSize());
        }
        return new FileStream(node);
    }

    /** A checked node: its inline bytes, its children and their promised sizes. */
    private record Node(Cid cid, int depth, byte[] data, List<PbLink> links, List<Long> blocksizes, long size) {
    }

    private Node load(Cid cid, int depth) throws IOException {
        if (depth > limits.maxDepth()) {
            throw new InvalidDagException(cid, "deeper than " + limits.maxDepth() + " levels");
        }
        Block block = source.require(cid);
        if (cid.codec() == Multicodec.RAW) {
            return new Node(cid, depth, block.bytes(), List.of(), List.of(), block.size());
        }
        if (cid.codec() != Multicodec.DAG_PB) {
            throw new InvalidDagException(cid, "codec " + Multicodec.name(cid.codec()) + " is not a UnixFS file");
        }
        try {
            PbNode pb = DagPb.decode(block);
            if (pb.data().isEmpty()) {
                throw new InvalidDagException(cid, "dag-pb node without UnixFS Data");
            }
            UnixFsData fs = UnixFsData.decode(pb.data().get().toByteArray());
            if (fs.type() != UnixFsType.FILE && fs.type() != UnixFsType.RAW) {
                throw new InvalidDagException(cid, "UnixFS " + fs.type() + " is not a file");
            }
            if (pb.links().size() > limits.maxLinksPerNode()) {
                throw new InvalidDagException(cid, pb.links().size() + " links exceed " + limits.maxLinksPerNode());
            }
            if (pb.links().size() != fs.blocksizes().size()) {
                throw new InvalidDagException(cid, pb.links().size() + " links but "
                        + fs.blocksizes().size() + " blocksizes");
            }
            long size = contentSize(cid, fs);
            if (fs.filesize().isPresent() && fs.filesize().getAsLong() != size) {
                throw new InvalidDagException(cid, "filesize " + fs.filesize().getAsLong()
                        + " but data and blocksizes add up to " + size);
            }
            byte[] data = fs.data().map(d -> d.toByteArray()).orElse(new byte[0]);
            return new Node(cid, depth, data, pb.links(), fs.blocksizes(), size);
        } catch (BlockFormatException e) {
            throw new InvalidDagException(cid, e.getMessage(), e);
        }
    }

    private static long contentSize(Cid cid, UnixFsData fs) throws InvalidDagException {
        try {
            return fs.contentSize();
        } catch (ArithmeticException e) {
            throw new InvalidDagException(cid, "blocksizes overflow");
        }
    }


    /** Depth-first walk; the deque holds one frame per level of the current path. */
    private final class FileStream extends InputStream {
        private final Deque<Frame> path = new ArrayDeque<>();
        private byte[] current;
        private int pos;

        FileStream(Node root) {
            enter(root);
        }

        private void enter(Node node) {
            current = node.data;
            pos = 0;
            if (!node.links.isEmpty()) {
                path.push(new Frame(node));
            }
        }

        /** Moves to the next non-empty buffer; false at the end of the file. */
        private boolean advance() throws IOException {
            while (pos == current.length) {
                Frame frame = path.peek();
                if (frame == null) {
                    return false;
                }
                if (frame.next == frame.node.links.size()) {
                    path.pop();
                    continue;
                }
                int i = frame.next++;
                Cid child = frame.node.links.get(i).hash();
                Node node = load(child, frame.node.depth + 1);
                long promised = frame.node.blocksizes.get(i);
                if (node.size != promised) {
                    throw new InvalidDagException(frame.node.cid, "child " + child + " holds " + node.size
                            + " bytes but blocksizes[" + i + "] says " + promised);
                }
                enter(node);
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!advance()) {
                return -1;
            }
            return current[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!advance()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            path.clear();
            current = new byte[0];
            pos = 0;
        }
    }

    private static final class Frame {
        private final Node node;
        private int next;

        Frame(Node node) {
            this.node = node;
        }
    }
}
