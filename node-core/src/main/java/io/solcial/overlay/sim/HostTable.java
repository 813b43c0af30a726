package io.solcial.overlay.sim;

import io.solcial.identity.PeerId;
import java.util.Objects;

/**
 * The simulator's hosts by peer id: open addressing over one array of alternating keys and values,
 * so a lookup — once per message sent — usually reads one cache line rather than a hash map's
 * bucket and then its node. Never shrinks (hosts are never removed). Not thread-safe.
 */
final class HostTable {
    /** {@code [key0, host0, key1, host1, ...]}; a null key is a free slot. */
    private Object[] slots = new Object[32];
    private int size;

    SimHost get(PeerId id) {
        Object[] s = slots;
        int mask = (s.length >> 1) - 1;
        for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
            Object key = s[2 * i];
            if (key == null) {
                return null;
            }
            if (key == id || id.equals(key)) {
                return (SimHost) s[2 * i + 1];
            }
        }
    }

    /** Adds a host under {@code id}, which must be new. */
    void put(PeerId id, SimHost host) {
        Objects.requireNonNull(host, "host");
        if (get(id) != null) {
            throw new IllegalArgumentException("host already exists: " + id);
        }
        if (4 * (size + 1) > slots.length) {
            Object[] old = slots;
            slots = new Object[2 * old.length];
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != null) {
                    insert((PeerId) old[i], (SimHost) old[i + 1]);
                }
            }
        }
        insert(id, host);
        size++;
    }

    boolean contains(PeerId id) {
        return get(id) != null;
    }

    private void insert(PeerId id, SimHost host) {
        int mask = (slots.length >> 1) - 1;
        int i = spread(id.hashCode()) & mask;
        while (slots[2 * i] != null) {
            i = (i + 1) & mask;
        }
        slots[2 * i] = id;
        slots[2 * i + 1] = host;
    }

    private static int spread(int h) {
        return h * 0x9E3779B9 >>> 7 ^ h;
    }
}
