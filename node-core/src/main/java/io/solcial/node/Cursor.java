package io.solcial.node;

import io.solcial.multiformats.Cid;
import java.util.Objects;

/**
 * A keyset paging position: items strictly older than (timestamp, entry) in newest-first order.
 * Its text form, for URLs, is {@code <timestamp>-<entry CID>}.
 */
public record Cursor(long timestamp, Cid entry) {

    public Cursor {
        Objects.requireNonNull(entry, "entry");
    }

    public static Cursor parse(String text) {
        int dash = text.indexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("a cursor looks like <timestamp>-<cid>");
        }
        try {
            return new Cursor(Long.parseLong(text.substring(0, dash)), Cid.parse(text.substring(dash + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cursor: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return timestamp + "-" + entry;
    }
}
