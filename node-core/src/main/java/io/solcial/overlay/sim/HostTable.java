package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import java.util.Arrays;

/**
 * The simulator's host indices by peer id: open addressing over one {@code long} array of {@code
 * hash << 32 | index + 1}, checked against the ids by index. A lookup — once per message sent —
 * reads one slot and the (small, dense) id array, and no host object. Hosts are never removed.
 * Not thread-safe.
 */
final class HostTable {
    private long[] slots = new long[64];
    private PeerId[] ids = new PeerId[16];
    private int size;

    /** The index of the host with this id, or -1. */
    int indexOf(PeerId id) {
        int hash = id.hashCode();
        long[] s = slots;
        int mask = s.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            long slot = s[i];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == hash) {
                int index = (int) slot - 1;
                PeerId candidate = ids[index];
                if (candidate == id || id.equals(candidate)) {
                    return index;
                }
            }
        }
    }

    /** The id of the host at {@code index}. */
    PeerId id(int index) {
        return ids[index];
    }

    /** Adds {@code id}, which must be new, as the next index; returns that index. */
    int add(PeerId id) {
        if (indexOf(id) >= 0) {
            throw new IllegalArgumentException("host already exists: " + id);
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, 2 * size);
        }
        int index = size++;
        ids[index] = id;
        if (4 * size > slots.length) {
            slots = new long[2 * slots.length];
            for (int i = 0; i < size; i++) {
                insert(ids[i].hashCode(), i);
            }
        } else {
            insert(id.hashCode(), index);
        }
        return index;
    }

    private void insert(int hash, int index) {
        int mask = slots.length - 1;
        int i = spread(hash) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = (long) hash << 32 | (index + 1);
    }

    private static int spread(int h) {
        return h * 0x9E3779B9 >>> 7 ^ h;
    }
}
