package io.solcial.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes files that hold secrets: created owner-only (rw-------) from the first byte, filled in a
 * temporary file next to the target, then moved into place atomically, so that the target is
 * either absent, the old file, or the complete new one. Also for other secrets next to the key
 * (a node's control token).
 */
public final class SecureFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** Key files are tiny; anything larger is not one of ours and is not read into memory. */
    static final long MAX_KEY_FILE_SIZE = 64 * 1024;

    private SecureFiles() {
    }

    /**
     * Writes {@code content} to {@code target} with owner-only permissions.
     *
     * @throws FileAlreadyExistsException if the target exists and {@code overwrite} is false
     */
    public static void writeOwnerOnly(Path target, byte[] content, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!overwrite && Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "file exists; refusing to overwrite it");
        }
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".tmp");
        createOwnerOnly(tmp);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (overwrite) {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                moveNoReplace(tmp, absolute, target);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    /** Reads a small file fully; the caller wipes the returned array. */
    static byte[] readSmall(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_KEY_FILE_SIZE) {
            throw new KeyFileFormatException(file + ": " + size + " bytes is far too large for a key file");
        }
        return Files.readAllBytes(file);
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            Files.createFile(file, attr); // the umask can only remove bits, so this is at most rw-------
        } else {
            // Non-POSIX file systems (Windows): the file inherits the directory's ACL, which in the
            // user's profile is owner-only by default; narrow what java.io.File can express.
            Files.createFile(file);
            java.io.File f = file.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
        }
    }

    /**
     * Moves without ever replacing an existing target, also against a file created concurrently:
     * a hard link fails atomically if the name exists. Falls back to a checked atomic rename where
     * the file system has no hard links.
     */
    private static void moveNoReplace(Path tmp, Path absolute, Path shownAs) throws IOException {
        try {
            Files.createLink(absolute, tmp);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(shownAs.toString(), null, "file exists; refusing to overwrite it");
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(shownAs.toString(), null, "file exists; refusing to overwrite it");
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // Best effort: not every platform can open a directory as a channel.
        }
    }
}
