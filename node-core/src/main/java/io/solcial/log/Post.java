package io.solcial.log;

import io.solcial.multiformats.Cid;
import java.util.Objects;

/** A live post in a profile: its entry, its content block, and when it was written. */
public record Post(Cid entry, Cid content, long timestamp) {
    public Post {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(content, "content");
    }
}
