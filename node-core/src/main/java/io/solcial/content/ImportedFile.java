package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.util.Objects;

/** What {@link UnixFsImporter} made of a stream: the root of its DAG and the bytes it read. */
public record ImportedFile(Cid root, long size) {
    public ImportedFile {
        Objects.requireNonNull(root, "root");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
