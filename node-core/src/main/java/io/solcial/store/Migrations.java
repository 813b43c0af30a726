package io.solcial.store;

import io.solcial.content.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbered SQL scripts ({@code V<n>__<description>.sql}, resources next to this class) applied in
 * order, each in its own transaction, and recorded in {@code schema_version}.
 *
 * <p>Scripts are split on {@code ;} at the end of a line; lines starting with {@code --} are
 * comments. Keep them to SQL that both H2 and PostgreSQL accept. Note that H2 commits DDL
 * statements on its own, so there a failed script can leave part of its DDL behind: write DDL
 * with {@code IF NOT EXISTS} so the script can simply run again.
 */
final class Migrations {
    /** Every migration, in order. Add new scripts at the end; never edit an applied one. */
    static final List<String> ALL = List.of("V1__blocks.sql", "V2__local_registry.sql", "V3__bans.sql", "V4__log.sql");

    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    private static final String RESOURCE_DIR = "migrations/";

    private record Script(int version, String name) {
    }

    private final List<Script> scripts;

    Migrations(List<String> names) {
        List<Script> parsed = new ArrayList<>();
        for (String name : names) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalArgumentException("migration name must look like V1__description.sql: " + name);
            }
            int version = Integer.parseInt(m.group(1));
            if (version != parsed.size() + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3...; got " + name);
            }
            parsed.add(new Script(version, name));
        }
        this.scripts = List.copyOf(parsed);
    }

    /** The schema version the code expects after {@link #apply}. */
    int latest() {
        return scripts.size();
    }

    /** Brings the schema up to {@link #latest()}; returns the version found before. */
    int apply(Connection c) throws StoreException {
        try {
            createVersionTable(c);
            int current = currentVersion(c);
            if (current > latest()) {
                throw new StoreException("the database schema is version " + current
                        + " but this version of Solcial only knows up to " + latest()
                        + "; it was written by a newer Solcial: upgrade, or use another data directory");
            }
            for (Script script : scripts.subList(current, scripts.size())) {
                applyOne(c, script);
            }
            return current;
        } catch (SQLException e) {
            throw new StoreException("schema migration failed: " + e.getMessage(), e);
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void createVersionTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER NOT NULL PRIMARY KEY, "
                    + "script VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP NOT NULL)");
        }
    }

    private void applyOne(Connection c, Script script) throws SQLException, StoreException {
        List<String> statements = statements(read(script.name()));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                p.setInt(1, script.version());
                p.setString(2, script.name());
                p.setTimestamp(3, Timestamp.from(Instant.now()));
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new StoreException("migration " + script.name() + " failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String read(String name) throws StoreException {
        try (InputStream in = Migrations.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new StoreException("migration script missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + name, e);
        }
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
