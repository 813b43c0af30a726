package io.solcial.node;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** A picture (or any file) to attach to a post or use as an avatar; imported as a UnixFS file. */
public record MediaUpload(String mime, Optional<String> name, Source source) {

    /** Opens the file's bytes (called once, while posting). */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public MediaUpload {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }

    public static MediaUpload of(byte[] data, String mime, String name) {
        byte[] copy = data.clone();
        return new MediaUpload(mime, Optional.ofNullable(name), () -> new ByteArrayInputStream(copy));
    }

    public static MediaUpload of(Path file, String mime) {
        return new MediaUpload(mime, Optional.of(file.getFileName().toString()), () -> Files.newInputStream(file));
    }
}
