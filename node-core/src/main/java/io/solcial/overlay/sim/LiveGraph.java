package io.solcial.overlay.sim;

import java.util.Arrays;

/**
 * The live part of the simulation's active-view graph in compressed rows: for each node, its live
 * neighbours in adjacency order, all rows in one array. The simulator walks the graph three times
 * per broadcast (the BFS depth, the flooding baseline, and the BFS of the delivered component);
 * walking these two arrays instead of every node's object and adjacency array takes the cache
 * misses out of it, and since the views rarely change between broadcasts of a settled overlay the
 * rows are rebuilt only when the owner marks them {@link #invalidate stale}.
 *
 * <p>Built row by row: {@link #begin}, then per node in index order {@link #add} its neighbours and
 * {@link #endRow}. Not thread-safe.
 */
final class LiveGraph {
    private int[] offsets = new int[1];
    private int[] targets = new int[16];
    private int rows;
    private int edges;
    private boolean stale = true;
    private long builds;

    /** Whether a view or the set of live nodes changed since the rows were built. */
    boolean isStale() {
        return stale;
    }

    /** Marks the rows out of date: a neighbour came or went, or a node was added or killed. */
    void invalidate() {
        stale = true;
    }

    /** Starts building rows for {@code nodes} nodes. */
    void begin(int nodes) {
        if (offsets.length < nodes + 1) {
            offsets = new int[Math.max(nodes + 1, 2 * offsets.length)];
        }
        rows = 0;
        edges = 0;
        offsets[0] = 0;
    }

    /** Adds {@code neighbor} to the current row. */
    void add(int neighbor) {
        if (edges == targets.length) {
            targets = Arrays.copyOf(targets, 2 * edges);
        }
        targets[edges++] = neighbor;
    }

    /** Ends the current row (the next node's comes next). */
    void endRow() {
        offsets[++rows] = edges;
    }

    /** Ends building; the rows are current until the next {@link #invalidate}. */
    void end() {
        stale = false;
        builds++;
    }

    /** Nodes with a row. */
    int size() {
        return rows;
    }

    /** Where {@code node}'s row starts in {@link #targets()}. */
    int start(int node) {
        return offsets[node];
    }

    /** Where {@code node}'s row ends in {@link #targets()} (exclusive). */
    int end(int node) {
        return offsets[node + 1];
    }

    int degree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    int neighbor(int node, int i) {
        return targets[offsets[node] + i];
    }

    /** All rows back to back; read-only for callers. */
    int[] targets() {
        return targets;
    }

    /** Whether {@code other} holds the same rows (staleness aside). */
    boolean sameRows(LiveGraph other) {
        return rows == other.rows
                && Arrays.equals(offsets, 0, rows + 1, other.offsets, 0, rows + 1)
                && Arrays.equals(targets, 0, edges, other.targets, 0, edges);
    }

    /** How many times the rows were built (for tests and reports). */
    long builds() {
        return builds;
    }
}
