package io.solcial.store;

import io.solcial.content.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's SQL database: H2 in file mode under the data directory (or in memory, for tests),
 * behind a small connection pool, with the schema migrated to the version this code expects.
 *
 * <p>A data directory belongs to one running node. {@link #openFile} takes an exclusive lock on
 * {@code solcial.lock} in the directory (which also guards against a second open inside the same
 * JVM, where H2 would silently share the database) and fails with a message saying the directory
 * is in use.
 *
 * <p>Everything above this class speaks plain JDBC and portable SQL, so that a large beacon can
 * later run on PostgreSQL.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** The database files are {@code solcial.mv.db} (and H2's own lock) in the data directory. */
    public static final String FILE_NAME = "solcial";
    public static final String LOCK_FILE = "solcial.lock";

    /** Pool settings. */
    public record Config(int maxConnections, Duration connectionTimeout) {
        public Config {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
            if (connectionTimeout.isNegative() || connectionTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException("connectionTimeout must be at least one second");
            }
        }

        public static Config defaults() {
            return new Config(8, Duration.ofSeconds(30));
        }
    }

    private final String description;
    private final JdbcConnectionPool pool;
    private final Optional<DirLock> dirLock;
    private final int schemaVersion;
    private volatile boolean closed;

    private Database(String description, JdbcConnectionPool pool, Optional<DirLock> dirLock, int schemaVersion) {
        this.description = description;
        this.pool = pool;
        this.dirLock = dirLock;
        this.schemaVersion = schemaVersion;
    }

    /** Opens (creating if needed) the database in {@code dataDir} with default settings. */
    public static Database openFile(Path dataDir) throws StoreException {
        return openFile(dataDir, Config.defaults());
    }

    public static Database openFile(Path dataDir, Config config) throws StoreException {
        return openFile(dataDir, config, new Migrations(Migrations.ALL));
    }

    static Database openFile(Path dataDir, Config config, Migrations migrations) throws StoreException {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.toString().contains(";")) {
            throw new StoreException("data directory path must not contain ';': " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        DirLock lock = DirLock.acquire(dir);
        try {
            // DB_CLOSE_ON_EXIT=FALSE: our own shutdown closes the database, not H2's shutdown hook
            // (which could close it under components still stopping).
            String url = "jdbc:h2:file:" + dir.resolve(FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
            return open(dir.toString(), url, config, migrations, Optional.of(lock));
        } catch (StoreException | RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** A fresh, private in-memory database (for tests); it disappears when closed. */
    public static Database inMemory() throws StoreException {
        return inMemory(new Migrations(Migrations.ALL));
    }

    static Database inMemory(Migrations migrations) throws StoreException {
        String name = "solcial-" + UUID.randomUUID();
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        return open("memory:" + name, url, Config.defaults(), migrations, Optional.empty());
    }

    private static Database open(String description, String url, Config config, Migrations migrations,
            Optional<DirLock> lock) throws StoreException {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(config.maxConnections());
        pool.setLoginTimeout((int) config.connectionTimeout().toSeconds());
        try (Connection c = pool.getConnection()) {
            int before = migrations.apply(c);
            if (before != migrations.latest()) {
                LOG.info("database {}: schema migrated from version {} to {}", description, before,
                        migrations.latest());
            }
        } catch (SQLException e) {
            pool.dispose();
            throw translate(description, e);
        } catch (StoreException | RuntimeException e) {
            shutdown(pool);
            throw e;
        }
        return new Database(description, pool, lock, migrations.latest());
    }

    private static StoreException translate(String description, SQLException e) {
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new StoreException("data directory " + description
                    + " is in use by another running Solcial node (the database file is locked); "
                    + "stop that node or use another data directory", e);
        }
        return new StoreException("cannot open database " + description + ": " + e.getMessage(), e);
    }

    /** A pooled connection in auto-commit mode; the caller closes it to return it to the pool. */
    public Connection connection() throws StoreException {
        if (closed) {
            throw new StoreException("database " + description + " is closed");
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException("no database connection for " + description + ": " + e.getMessage(), e);
        }
    }

    /** The schema version after migration. */
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public String toString() {
        return "Database[" + description + "]";
    }

    /** Shuts H2 down (flushing the file), closes the pool and releases the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdown(pool);
        dirLock.ifPresent(DirLock::release);
    }

    private static void shutdown(JdbcConnectionPool pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warn("database shutdown failed: {}", e.getMessage());
        } finally {
            pool.dispose();
        }
    }

    /** An exclusive OS file lock on the data directory's lock file. */
    private record DirLock(FileChannel channel, FileLock lock) {
        static DirLock acquire(Path dir) throws StoreException {
            Path file = dir.resolve(LOCK_FILE);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw inUse(dir, file);
                }
                return new DirLock(channel, lock);
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                throw inUse(dir, file);
            } catch (StoreException e) {
                closeQuietly(channel);
                throw e;
            } catch (IOException e) {
                closeQuietly(channel);
                throw new StoreException("cannot lock data directory " + dir + ": " + e.getMessage(), e);
            }
        }

        private static StoreException inUse(Path dir, Path file) {
            return new StoreException("data directory " + dir + " is in use by another running Solcial node"
                    + " (" + file + " is locked); stop that node or use another data directory");
        }

        void release() {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.warn("cannot release data directory lock: {}", e.getMessage());
            }
            closeQuietly(channel);
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.debug("closing lock file failed", e);
                }
            }
        }
    }
}
