package io.solcial.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiveGraphTest {

    private static void build(LiveGraph g, List<int[]> rows) {
        g.begin(rows.size());
        for (int[] row : rows) {
            for (int v : row) {
                g.add(v);
            }
            g.endRow();
        }
        g.end();
    }

    @Test
    void rowsKeepEachNodesNeighboursInOrder() {
        LiveGraph g = new LiveGraph();
        assertTrue(g.isStale());
        build(g, List.of(new int[] {2, 1}, new int[0], new int[] {0, 1, 2}));
        assertFalse(g.isStale());
        assertEquals(3, g.size());
        assertEquals(2, g.degree(0));
        assertEquals(0, g.degree(1));
        assertEquals(3, g.degree(2));
        assertEquals(2, g.neighbor(0, 0));
        assertEquals(1, g.neighbor(0, 1));
        assertEquals(List.of(0, 1, 2), List.of(g.neighbor(2, 0), g.neighbor(2, 1), g.neighbor(2, 2)));
        assertEquals(g.start(2), g.end(1));
        assertEquals(g.targets()[g.start(2) + 1], 1);
        g.invalidate();
        assertTrue(g.isStale());
        assertEquals(1, g.builds());
    }

    @Test
    void rebuildingGrowsAndShrinksWithTheGraph() {
        SplittableRandom random = new SplittableRandom(5);
        LiveGraph g = new LiveGraph();
        for (int round = 0; round < 6; round++) {
            int n = round % 2 == 0 ? 1 + random.nextInt(3) : 500 + random.nextInt(500);
            List<int[]> rows = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                int[] row = new int[random.nextInt(20)];
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextInt(n);
                }
                rows.add(row);
            }
            g.invalidate();
            build(g, rows);
            assertEquals(n, g.size());
            for (int u = 0; u < n; u++) {
                int[] row = rows.get(u);
                assertEquals(row.length, g.degree(u));
                for (int i = 0; i < row.length; i++) {
                    assertEquals(row[i], g.neighbor(u, i));
                }
            }
        }
        assertEquals(6, g.builds());
    }

    @Test
    void sameRowsComparesNeighboursAndTheirOrder() {
        LiveGraph g = new LiveGraph();
        build(g, List.of(new int[] {1, 2}, new int[] {0}, new int[0]));
        LiveGraph same = new LiveGraph();
        build(same, List.of(new int[] {1, 2}, new int[] {0}, new int[0]));
        assertTrue(g.sameRows(same));
        LiveGraph reordered = new LiveGraph();
        build(reordered, List.of(new int[] {2, 1}, new int[] {0}, new int[0]));
        assertFalse(g.sameRows(reordered));
        LiveGraph moved = new LiveGraph();
        build(moved, List.of(new int[] {1}, new int[] {2, 0}, new int[0]));
        assertFalse(g.sameRows(moved), "the same targets in other rows");
        LiveGraph longer = new LiveGraph();
        build(longer, List.of(new int[] {1, 2}, new int[] {0}, new int[0], new int[0]));
        assertFalse(g.sameRows(longer));
    }
}
