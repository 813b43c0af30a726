package io.solcial.cli;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Early refusal to replace an existing file, before any passphrase is asked. The writers in
 * node-core check again atomically; this only spares the user a prompt that would be wasted.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    static void refuseExisting(Path file, boolean force) throws FileAlreadyExistsException {
        if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
    }
}
