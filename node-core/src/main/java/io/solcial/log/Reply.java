package io.solcial.log;

import io.solcial.multiformats.Cid;
import java.util.Objects;
import java.util.Optional;

/** A live reply in a profile: its entry, content, the entry replied to and the thread's root, if given. */
public record Reply(Cid entry, Cid content, Cid parent, Optional<Cid> root, long timestamp) {
    public Reply {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(root, "root");
    }
}
