package io.solcial.store;

import io.solcial.content.StoreException;
import java.nio.file.Path;

/** Run in a separate JVM by {@link DatabaseTest}: tries to open a data directory, prints the outcome. */
public final class OpenDatabaseMain {
    private OpenDatabaseMain() {
    }

    public static void main(String[] args) {
        try (Database db = Database.openFile(Path.of(args[0]))) {
            System.out.println("OPENED at schema version " + db.schemaVersion());
        } catch (StoreException e) {
            System.out.println("FAILED: " + e.getMessage());
        }
    }
}
