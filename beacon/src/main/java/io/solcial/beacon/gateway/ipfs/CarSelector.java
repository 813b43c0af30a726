package io.solcial.beacon.gateway.ipfs;

import io.solcial.content.Block;
import io.solcial.content.BlockFormatException;
import io.solcial.content.BlockSource;
import io.solcial.content.CarWriter;
import io.solcial.content.DagPb;
import io.solcial.content.InvalidDagException;
import io.solcial.content.PbNode;
import io.solcial.content.UnixFsData;
import io.solcial.content.UnixFsType;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the blocks a CAR request selects, depth-first in link order (so {@code order=dfs}):
 * the root only ({@code block}), the blocks of a UnixFS file that cover the requested byte range
 * ({@code entity}, the whole file without a range; any other entity is its root block), or the
 * whole DAG ({@code all}). Identity blocks are never written. Without {@code dups} a block is
 * written (and walked) once. A missing block below the root throws: the CAR stays incomplete.
 */
final class CarSelector {
    /** Deeper than any file the importer makes (174^32 chunks); a deeper DAG is hostile. */
    private static final int MAX_FILE_DEPTH = 64;
    /** With dups=y a DAG of shared blocks can repeat without end: stop there. */
    private static final long MAX_BLOCKS = 1_000_000;
    private final BlockSource blocks;
    private final CarWriter out;
    private final boolean dups;
    private final Set<Cid> written = new HashSet<>();
    private long emitted;

    CarSelector(BlockSource blocks, CarWriter out, boolean dups) {
        this.blocks = blocks;
        this.out = out;
        this.dups = dups;
    }

    /** What an entity request needs to know about a root up front. */
    record FileInfo(long size) {
    }

    /** The root's size when it is a UnixFS file (raw leaf or dag-pb File/Raw node). */
    static Optional<FileInfo> file(Block root) {
        if (root.cid().codec() == Multicodec.RAW) {
            return Optional.of(new FileInfo(root.size()));
        }
        return unixFsFile(root).map(n -> new FileInfo(n.fs().contentSize()));
    }

    void write(Block root, DagScope scope, Optional<EntityBytes> range) throws IOException {
        switch (scope) {
            case BLOCK -> emit(root);
            case ALL -> all(root);
            case ENTITY -> {
                Optional<FileInfo> file = file(root);
                if (file.isEmpty()) {
                    emit(root);
                    return;
                }
                EntityBytes.Range wanted = range.orElse(new EntityBytes(0, java.util.OptionalLong.empty()))
                        .resolve(file.get().size());
                if (wanted.isEmpty()) {
                    emit(root);
                } else {
                    fileRange(root, 0, wanted, 0);
                }
            }
        }
    }

    private void all(Block root) throws IOException {
        Deque<Block> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Block block = todo.pop();
            if (!emit(block) || block.cid().codec() != Multicodec.DAG_PB) {
                continue;
            }
            List<Cid> children = links(block);
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(blocks.require(children.get(i)));
            }
        }
    }

    /** Emits {@code block}, which starts at {@code offset} of the file, and its children overlapping {@code wanted}. */
    private void fileRange(Block block, long offset, EntityBytes.Range wanted, int depth) throws IOException {
        if (depth > MAX_FILE_DEPTH) {
            throw new InvalidDagException(block.cid(), "file DAG deeper than " + MAX_FILE_DEPTH);
        }
        if (!emit(block) || block.cid().codec() == Multicodec.RAW) {
            return;
        }
        FileNode node = unixFsFile(block).orElseThrow(() -> new InvalidDagException(block.cid(), "not a UnixFS file node"));
        long start = offset + node.fs().data().map(d -> (long) d.length()).orElse(0L);
        List<Long> sizes = node.fs().blocksizes();
        for (int i = 0; i < sizes.size(); i++) {
            if (wanted.overlaps(start, sizes.get(i))) {
                fileRange(blocks.require(node.pb().links().get(i).hash()), start, wanted, depth + 1);
            }
            start += sizes.get(i);
        }
    }

    /** Writes the block unless it is an identity block or (without dups) already written; false if skipped as a repeat. */
    private boolean emit(Block block) throws IOException {
        boolean first = written.add(block.cid());
        if (!first && !dups) {
            return false;
        }
        if (++emitted > MAX_BLOCKS) {
            throw new IOException("CAR stopped after " + MAX_BLOCKS + " blocks");
        }
        if (block.cid().multihash().code() != Multicodec.IDENTITY) {
            out.write(block);
        }
        return true;
    }

    private static List<Cid> links(Block block) throws InvalidDagException {
        try {
            return DagPb.links(block);
        } catch (BlockFormatException e) {
            throw new InvalidDagException(block.cid(), e.getMessage(), e);
        }
    }

    private record FileNode(PbNode pb, UnixFsData fs) {
    }

    private static Optional<FileNode> unixFsFile(Block block) {
        if (block.cid().codec() != Multicodec.DAG_PB) {
            return Optional.empty();
        }
        try {
            PbNode pb = DagPb.decode(block);
            if (pb.data().isEmpty()) {
                return Optional.empty();
            }
            UnixFsData fs = UnixFsData.decode(pb.data().get().toByteArray());
            boolean file = fs.type() == UnixFsType.FILE || fs.type() == UnixFsType.RAW;
            return file && pb.links().size() == fs.blocksizes().size() ? Optional.of(new FileNode(pb, fs)) : Optional.empty();
        } catch (BlockFormatException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
