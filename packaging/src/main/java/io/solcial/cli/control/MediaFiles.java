package io.solcial.cli.control;

import io.solcial.node.MediaUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Files on this machine attached to posts or used as avatars: an absolute path to a regular file
 * of at most {@link #MAX_BYTES}; its MIME type from its first bytes (PNG, JPEG, GIF, WebP, AVIF),
 * else from its extension, else {@code application/octet-stream}. SVG is never called an image:
 * readers' browsers would run its scripts.
 */
final class MediaFiles {
    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final String UNKNOWN = "application/octet-stream";
    private static final Map<String, String> BY_EXTENSION = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp", "avif", "image/avif");

    private MediaFiles() {
    }

    static MediaUpload load(String pathText) throws ActionException {
        Path file;
        try {
            file = Path.of(pathText);
        } catch (InvalidPathException e) {
            throw ActionException.badRequest("not a file path: " + pathText);
        }
        if (!file.isAbsolute()) {
            throw ActionException.badRequest("file paths must be absolute: " + pathText);
        }
        if (!Files.isRegularFile(file)) {
            throw ActionException.badRequest("no such file: " + pathText);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ActionException(ActionException.Kind.TOO_LARGE,
                        file + " has " + size + " bytes; at most " + MAX_BYTES + " can be attached");
            }
            byte[] head = new byte[16];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
            return MediaUpload.of(file, mime(Arrays.copyOf(head, n), file.getFileName().toString()));
        } catch (IOException e) {
            throw ActionException.badRequest("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The type from the magic bytes at the start of a file, else from its name's extension. */
    static String mime(byte[] head, String fileName) {
        if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return "image/png";
        }
        if (startsWith(head, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return "image/jpeg";
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return "image/gif";
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return "image/webp";
        }
        if (startsWith(head, 4, ascii("ftypavif")) || startsWith(head, 4, ascii("ftypavis"))) {
            return "image/avif";
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? UNKNOWN : BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN);
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        return data.length >= offset + prefix.length
                && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
