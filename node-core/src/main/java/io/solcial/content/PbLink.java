package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** A DAG-PB link: target CID, optional name (UTF-8), optional cumulative size of the target. */
public record PbLink(Cid hash, Optional<String> name, OptionalLong tsize) {
    public PbLink {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tsize, "tsize");
        if (tsize.isPresent() && tsize.getAsLong() < 0) {
            throw new IllegalArgumentException("Tsize must not be negative");
        }
    }

    public static PbLink of(Cid hash, String name, long tsize) {
        return new PbLink(hash, Optional.of(name), OptionalLong.of(tsize));
    }

    /** The name for sorting: a missing name sorts as the empty string. */
    public String nameOrEmpty() {
        return name.orElse("");
    }
}
