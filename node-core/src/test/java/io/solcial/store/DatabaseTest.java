package io.solcial.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.content.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    private static final Migrations V1 = new Migrations(List.of("V1__blocks.sql"));
    private static final Migrations V1_V2 = new Migrations(List.of("V1__blocks.sql", "V2__test_notes.sql"));

    @TempDir
    Path dir;

    private static long queryLong(Database db, String sql) throws StoreException, SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Database db, String sql) throws StoreException, SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void fileDatabaseLivesInTheDataDirectory() throws Exception {
        Path data = dir.resolve("node");
        try (Database db = Database.openFile(data)) {
            assertEquals(Migrations.ALL.size(), db.schemaVersion());
        }
        assertTrue(Files.exists(data.resolve("solcial.mv.db")));
    }

    @Test
    void migrationRunsOnceAndReopeningIsIdempotent() throws Exception {
        long scripts = Migrations.ALL.size();
        try (Database db = Database.openFile(dir)) {
            assertEquals(scripts, queryLong(db, "SELECT COUNT(*) FROM schema_version"));
        }
        try (Database db = Database.openFile(dir)) {
            assertEquals(scripts, queryLong(db, "SELECT COUNT(*) FROM schema_version"));
            assertEquals(scripts, queryLong(db, "SELECT MAX(version) FROM schema_version"));
            assertEquals(0, queryLong(db, "SELECT COUNT(*) FROM blocks"));
        }
    }

    @Test
    void laterMigrationsApplyInOrderOnlyOnce() throws Exception {
        try (Database db = Database.openFile(dir, Database.Config.defaults(), V1)) {
            assertEquals(1, db.schemaVersion());
        }
        try (Database db = Database.openFile(dir, Database.Config.defaults(), V1_V2)) {
            assertEquals(2, db.schemaVersion());
            assertEquals(1, queryLong(db, "SELECT COUNT(*) FROM test_notes"));
        }
        try (Database db = Database.openFile(dir, Database.Config.defaults(), V1_V2)) {
            assertEquals(2, queryLong(db, "SELECT COUNT(*) FROM schema_version"));
            assertEquals(1, queryLong(db, "SELECT COUNT(*) FROM test_notes"));
        }
    }

    @Test
    void databaseNewerThanTheCodeIsRefused() throws Exception {
        try (Database db = Database.openFile(dir, Database.Config.defaults(), V1_V2)) {
            assertEquals(2, db.schemaVersion());
        }
        StoreException e = assertThrows(StoreException.class,
                () -> Database.openFile(dir, Database.Config.defaults(), V1));
        assertTrue(e.getMessage().contains("version 2") && e.getMessage().contains("newer"), e.getMessage());
        // The refusal released the directory.
        Database.openFile(dir, Database.Config.defaults(), V1_V2).close();
    }

    @Test
    void failedMigrationIsRolledBackAndNotRecorded() throws Exception {
        Migrations broken = new Migrations(List.of("V1__blocks.sql", "V2__test_broken.sql"));
        StoreException e = assertThrows(StoreException.class,
                () -> Database.openFile(dir, Database.Config.defaults(), broken));
        assertTrue(e.getMessage().contains("V2__test_broken.sql"), e.getMessage());
        try (Database db = Database.openFile(dir, Database.Config.defaults(), V1)) {
            assertEquals(1, queryLong(db, "SELECT MAX(version) FROM schema_version"));
        }
    }

    @Test
    void secondOpenOfAnOpenDataDirectoryFailsSayingItIsInUse() throws Exception {
        try (Database first = Database.openFile(dir)) {
            StoreException e = assertThrows(StoreException.class, () -> Database.openFile(dir));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertTrue(e.getMessage().contains(dir.toAbsolutePath().normalize().toString()), e.getMessage());
            assertEquals(0, queryLong(first, "SELECT COUNT(*) FROM blocks"), "the first stays usable");
        }
        Database.openFile(dir).close();
    }

    @Test
    void openFromAnotherProcessFailsSayingItIsInUse() throws Exception {
        try (Database first = Database.openFile(dir)) {
            assertEquals(Migrations.ALL.size(), first.schemaVersion());
            String outcome = runOpenInOtherJvm();
            assertTrue(outcome.startsWith("FAILED: ") && outcome.contains("in use"), outcome);
        }
        assertTrue(runOpenInOtherJvm().startsWith("OPENED"));
    }

    private String runOpenInOtherJvm() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OpenDatabaseMain.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().filter(l -> l.startsWith("OPENED") || l.startsWith("FAILED")).findFirst().orElse(out);
    }

    @Test
    void inMemoryDatabasesAreSeparateAndMigrated() throws Exception {
        try (Database a = Database.inMemory(); Database b = Database.inMemory()) {
            execute(a, "INSERT INTO pins (root) VALUES (X'01')");
            assertEquals(1, queryLong(a, "SELECT COUNT(*) FROM pins"));
            assertEquals(0, queryLong(b, "SELECT COUNT(*) FROM pins"));
            assertEquals(Migrations.ALL.size(), a.schemaVersion());
        }
    }

    @Test
    void closedDatabaseRefusesConnections() throws Exception {
        Database db = Database.inMemory();
        db.close();
        db.close();
        assertThrows(StoreException.class, db::connection);
    }

    @Test
    void scriptsSplitIntoStatementsWithoutComments() {
        List<String> statements = Migrations.statements("""
                -- a comment; with a semicolon
                CREATE TABLE a (
                    x INTEGER
                );

                INSERT INTO a (x) VALUES (1);
                """);
        assertEquals(List.of("CREATE TABLE a (\nx INTEGER\n)", "INSERT INTO a (x) VALUES (1)"), statements);
    }

    @Test
    void migrationsMustBeNumberedFromOneWithoutGaps() {
        assertThrows(IllegalArgumentException.class, () -> new Migrations(List.of("V2__x.sql")));
        assertThrows(IllegalArgumentException.class, () -> new Migrations(List.of("V1__a.sql", "V3__b.sql")));
        assertThrows(IllegalArgumentException.class, () -> new Migrations(List.of("blocks.sql")));
        assertFalse(new Migrations(List.of()).latest() > 0);
    }
}
