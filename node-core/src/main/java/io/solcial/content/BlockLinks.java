package io.solcial.content;

import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The link rules every {@link Blockstore} shares, so pins and garbage collection mean the same in
 * each implementation.
 *
 * <ul>
 *   <li>Blocks are keyed by {@link #key(Cid)}: the CIDv1 form, so a dag-pb block is the same block
 *       whether it is named by its CIDv0 ({@code Qm…}) or its CIDv1.</li>
 *   <li>A raw block has no links. A dag-pb block links to the distinct targets of its links. A
 *       dag-pb block whose bytes do not decode is <em>rejected</em> with {@link StoreException}
 *       rather than stored without links: storing it would let a pin over it silently stop
 *       protecting whatever it was meant to reference.</li>
 *   <li>Blocks of other codecs (dag-cbor, dag-json, ...) are stored as leaves: this project has
 *       no decoder for them yet, so a pin does not reach through them.</li>
 * </ul>
 */
public final class BlockLinks {

    private BlockLinks() {
    }

    /** The key a store files {@code cid} under: its CIDv1 form. */
    public static Cid key(Cid cid) {
        return cid.toV1();
    }

    /** The distinct keys {@code block} links to, in first-seen order. */
    public static Set<Cid> of(Block block) throws StoreException {
        long codec = block.cid().codec();
        if (codec != Multicodec.DAG_PB) {
            return Set.of();
        }
        List<Cid> links;
        try {
            links = DagPb.links(block);
        } catch (BlockFormatException e) {
            throw new StoreException("refusing to store " + block.cid() + ": " + e.getMessage(), e);
        }
        Set<Cid> keys = new LinkedHashSet<>();
        for (Cid link : links) {
            keys.add(key(link));
        }
        return keys;
    }

    /** How a store looks up the links of a block it holds (empty if absent). */
    @FunctionalInterface
    public interface LinkLookup {
        Collection<Cid> linksOf(Cid key);
    }

    /** Every key reachable from {@code roots} (roots included) through the links of present blocks. */
    public static Set<Cid> reachable(Collection<Cid> roots, LinkLookup lookup) {
        Set<Cid> seen = new HashSet<>();
        Deque<Cid> todo = new ArrayDeque<>();
        for (Cid root : roots) {
            Cid key = key(root);
            if (seen.add(key)) {
                todo.add(key);
            }
        }
        while (!todo.isEmpty()) {
            for (Cid child : lookup.linksOf(todo.poll())) {
                if (seen.add(child)) {
                    todo.add(child);
                }
            }
        }
        return seen;
    }
}
