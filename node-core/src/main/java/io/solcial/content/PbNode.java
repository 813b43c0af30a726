package io.solcial.content;

import io.solcial.multiformats.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A DAG-PB node: links (in block order) and optional opaque data. */
public record PbNode(List<PbLink> links, Optional<Bytes> data) {
    public PbNode {
        links = List.copyOf(links);
        Objects.requireNonNull(data, "data");
    }

    public static PbNode of(List<PbLink> links, byte[] data) {
        return new PbNode(links, Optional.of(Bytes.of(data)));
    }
}
