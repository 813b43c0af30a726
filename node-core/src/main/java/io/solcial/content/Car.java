package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Moves whole DAGs between block sources/sinks and CARv1 files. */
public final class Car {

    /** What a CAR import stored. */
    public record ImportResult(List<Cid> roots, long blocks) {
        public ImportResult {
            roots = List.copyOf(roots);
        }
    }

    private Car() {
    }

    /**
     * Writes the DAG under {@code root} as a CAR with that single root: the root first, then
     * depth-first in link order, each block once. Follows raw and dag-pb links; returns the
     * number of blocks written.
     */
    public static long exportDag(BlockSource source, Cid root, OutputStream out) throws IOException {
        CarWriter writer = new CarWriter(out, List.of(root));
        Set<Cid> seen = new HashSet<>();
        Deque<Cid> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Cid cid = todo.pop();
            if (!seen.add(cid)) {
                continue;
            }
            Block block = source.require(cid);
            writer.write(block);
            List<Cid> links = links(block);
            for (int i = links.size() - 1; i >= 0; i--) {
                todo.push(links.get(i));
            }
        }
        out.flush();
        return seen.size();
    }

    public static long exportDag(BlockSource source, Cid root, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            return exportDag(source, root, out);
        }
    }

    /** Reads every block of a CAR into {@code sink}, checking each one's hash. */
    public static ImportResult importCar(InputStream in, BlockSink sink)
            throws IOException, CorruptBlockException, StoreException {
        CarReader reader = new CarReader(in);
        long count = 0;
        for (Optional<Block> block = reader.next(); block.isPresent(); block = reader.next()) {
            sink.put(block.get());
            count++;
        }
        return new ImportResult(reader.roots(), count);
    }

    public static ImportResult importCar(Path file, BlockSink sink)
            throws IOException, CorruptBlockException, StoreException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return importCar(in, sink);
        }
    }


    private static List<Cid> links(Block block) throws InvalidDagException {
        try {
            return DagPb.links(block);
        } catch (BlockFormatException e) {
            throw new InvalidDagException(block.cid(), e.getMessage(), e);
        }
    }
}
