package io.solcial.cli.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solcial.identity.SecureFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code DIR/control.json}: where a running node's control API listens and the token it wants. The
 * node writes it owner-only (rw-------) and atomically once the API serves, and deletes it when it
 * stops cleanly. After a crash it stays behind: a client then finds nobody answering on the port
 * and treats it as stale.
 *
 * @param port    the API's TCP port on 127.0.0.1
 * @param token   64 hex digits (32 random bytes); requests carry it as {@code Authorization: Bearer}
 * @param account the node's wallet address (a client checks that the answering node is this one)
 * @param pid     the node's process id, for the user's information
 */
public record ControlFile(int port, String token, String account, long pid) {
    public static final String NAME = "control.json";
    static final int TOKEN_BYTES = 32;
    private static final long MAX_SIZE = 4096;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ControlFile {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(account, "account");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!token.matches("[0-9a-f]{" + 2 * TOKEN_BYTES + "}")) {
            throw new IllegalArgumentException("the token must be " + 2 * TOKEN_BYTES + " lower-case hex digits");
        }
    }

    /** A new random token for {@code port}. */
    static ControlFile fresh(int port, String account, SecureRandom random) {
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        return new ControlFile(port, HexFormat.of().formatHex(token), account, ProcessHandle.current().pid());
    }

    public static Path in(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    /** The API's base address. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Writes (or replaces) {@code dataDir}/control.json, owner-only from its first byte, atomically. */
    void write(Path dataDir) throws IOException {
        SecureFiles.writeOwnerOnly(in(dataDir), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this), true);
    }

    /** The file in {@code dataDir}; empty when there is none. Malformed content is an error. */
    public static Optional<ControlFile> read(Path dataDir) throws IOException {
        Path file = in(dataDir);
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new IOException(file + " is too large to be a control file");
            }
            return Optional.of(JSON.readValue(Files.readAllBytes(file), ControlFile.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a valid control file: " + e.getMessage(), e);
        }
    }

    /** Removes the file of a stopped (or crashed) node. */
    public static void delete(Path dataDir) throws IOException {
        Files.deleteIfExists(in(dataDir));
    }
}
