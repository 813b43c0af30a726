package io.solcial.beacon.gateway.ipfs;

import io.solcial.beacon.gateway.http.HttpError;
import java.util.Locale;
import java.util.Optional;

/** The {@code dag-scope} of a CAR request (trustless gateway spec); {@code all} by default. */
enum DagScope {
    /** Only the root block. */
    BLOCK,
    /** The blocks needed to read the entity: a whole UnixFS file (or the requested byte range of it). */
    ENTITY,
    /** The whole DAG under the root. */
    ALL;

    static DagScope of(Optional<String> text, boolean entityBytes) throws HttpError {
        if (text.isEmpty()) {
            return entityBytes ? ENTITY : ALL;
        }
        try {
            return valueOf(text.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("dag-scope must be block, entity or all");
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
