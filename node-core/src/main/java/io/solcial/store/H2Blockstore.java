package io.solcial.store;

import io.solcial.content.Block;
import io.solcial.content.BlockLinks;
import io.solcial.content.Blockstore;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.StoreException;
import io.solcial.multiformats.Cid;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Blockstore} in the node's {@link Database} (tables {@code blocks}, {@code block_links},
 * {@code pins}; see {@code migrations/V1__blocks.sql}). Plain JDBC and portable SQL.
 *
 * <p>Each block's links are recorded when it is put ({@link BlockLinks#of}), so pin reachability
 * is a recursive query: {@link #garbageCollect()} walks down from every pin root, while
 * {@link #isPinned} and {@link #delete} walk up from the block to see whether any ancestor is a
 * root (cost: the number of the block's ancestors, not the size of the pinned set).
 *
 * <p>Thread-safe: every call takes its own pooled connection. Closing this store does not close
 * the {@link Database}, which belongs to whoever opened it.
 */
public final class H2Blockstore implements Blockstore {
    private static final Logger LOG = LoggerFactory.getLogger(H2Blockstore.class);
    private static final String UNIQUE_VIOLATION = "23505";

    // H2 types a recursive CTE's columns as CHARACTER VARYING while planning, so every use of a
    // CTE column casts it back to BYTEA (a no-op on PostgreSQL, where BYTEA is the native type).
    private static final String ANCESTORS = "WITH RECURSIVE up (cid) AS ("
            + " SELECT parent FROM block_links WHERE child = ?"
            + " UNION"
            + " SELECT l.parent FROM block_links l JOIN up ON l.child = CAST(up.cid AS BYTEA))";
    private static final String PIN_COUNT_OVER = ANCESTORS
            + " SELECT COUNT(*) FROM pins WHERE root = ? OR root IN (SELECT CAST(cid AS BYTEA) FROM up)";
    private static final String MARK = "INSERT INTO gc_reachable (cid)"
            + " WITH RECURSIVE reach (cid) AS ("
            + " SELECT root FROM pins"
            + " UNION"
            + " SELECT l.child FROM block_links l JOIN reach ON l.parent = CAST(reach.cid AS BYTEA))"
            + " SELECT CAST(cid AS BYTEA) FROM reach";
    private static final String SWEEP = "DELETE FROM blocks WHERE NOT EXISTS"
            + " (SELECT 1 FROM gc_reachable r WHERE r.cid = blocks.cid)";

    private final Database db;
    private final Set<Cid> reportedCorrupt = ConcurrentHashMap.newKeySet();
    private final List<Consumer<Block>> putListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public H2Blockstore(Database db) {
        this.db = db;
    }

    /**
     * Calls {@code listener} with every block newly stored from now on, after its transaction
     * committed (a node tells bitswap, which serves peers that were waiting for it).
     */
    public void addPutListener(Consumer<Block> listener) {
        putListeners.add(listener);
    }

    /** Runs the put listeners for a block committed by this store or, in a shared transaction, by a sibling store. */
    void stored(Block block) {
        for (Consumer<Block> l : putListeners) {
            try {
                l.accept(block);
            } catch (RuntimeException e) {
                LOG.warn("block listener failed on {}", block.cid(), e);
            }
        }
    }

    @Override
    public void put(Block block) throws StoreException {
        if (has(block.cid())) {
            return;
        }
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                insert(c, block);
                c.commit();
                stored(block);
            } catch (SQLException e) {
                c.rollback();
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                // Another thread stored the same block first: put is a no-op.
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed("put " + block.cid(), e);
        }
    }

    /** Inserts the block and its links on {@code c}, inside the caller's transaction. */
    void insert(Connection c, Block block) throws SQLException, StoreException {
        byte[] key = key(block.cid());
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO blocks (cid, codec, size_bytes, data) VALUES (?, ?, ?, ?)")) {
            p.setBytes(1, key);
            p.setLong(2, block.cid().codec());
            p.setInt(3, block.size());
            p.setBytes(4, block.bytes());
            p.executeUpdate();
        }
        Set<Cid> links = BlockLinks.of(block);
        if (!links.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO block_links (parent, child) VALUES (?, ?)")) {
                for (Cid child : links) {
                    p.setBytes(1, key);
                    p.setBytes(2, child.toBytes());
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    @Override
    public Optional<Block> get(Cid cid) throws StoreException, CorruptBlockException {
        Optional<byte[]> found = selectByKey("data", cid, "get", rs -> rs.getBytes(1));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        byte[] data = found.get();
        try {
            return Optional.of(Block.verified(cid, data));
        } catch (CorruptBlockException e) {
            if (reportedCorrupt.add(BlockLinks.key(cid))) {
                LOG.error("block store {}: {}", db, e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public boolean has(Cid cid) throws StoreException {
        return selectByKey("1", cid, "has", rs -> Boolean.TRUE).isPresent();
    }

    @Override
    public OptionalInt blockSize(Cid cid) throws StoreException {
        return selectByKey("size_bytes", cid, "size of", rs -> rs.getInt(1)).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    @FunctionalInterface
    private interface ColumnReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** {@code column} of the block stored under {@code cid}'s key, read by {@code read}; empty if absent. */
    private <T> Optional<T> selectByKey(String column, Cid cid, String what, ColumnReader<T> read) throws StoreException {
        try (Connection c = connection();
                PreparedStatement p = c.prepareStatement("SELECT " + column + " FROM blocks WHERE cid = ?")) {
            p.setBytes(1, key(cid));
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(read.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(what + " " + cid, e);
        }
    }

    @Override
    public boolean delete(Cid cid) throws StoreException {
        try (Connection c = connection()) {
            if (isPinned(c, cid)) {
                if (!has(cid)) {
                    return false;
                }
                throw new StoreException("cannot delete " + cid + ": it is pinned");
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM blocks WHERE cid = ?")) {
                p.setBytes(1, key(cid));
                return p.executeUpdate() > 0;
            }
        } catch (SQLException e) {
            throw failed("delete " + cid, e);
        }
    }

    @Override
    public long count() throws StoreException {
        return queryLong("SELECT COUNT(*) FROM blocks");
    }

    @Override
    public long sizeBytes() throws StoreException {
        return queryLong("SELECT COALESCE(SUM(size_bytes), 0) FROM blocks");
    }

    @Override
    public void pin(Cid root) throws StoreException {
        try (Connection c = connection();
                PreparedStatement p = c.prepareStatement("INSERT INTO pins (root) VALUES (?)")) {
            p.setBytes(1, key(root));
            p.executeUpdate();
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw failed("pin " + root, e);
            }
            // Already pinned: a no-op.
        }
    }

    @Override
    public boolean unpin(Cid root) throws StoreException {
        try (Connection c = connection();
                PreparedStatement p = c.prepareStatement("DELETE FROM pins WHERE root = ?")) {
            p.setBytes(1, key(root));
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failed("unpin " + root, e);
        }
    }

    @Override
    public Set<Cid> pins() throws StoreException {
        Set<Cid> roots = new HashSet<>();
        try (Connection c = connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT root FROM pins")) {
            while (rs.next()) {
                roots.add(Cid.decode(rs.getBytes(1)));
            }
        } catch (SQLException e) {
            throw failed("list pins", e);
        }
        return Set.copyOf(roots);
    }

    @Override
    public boolean isPinned(Cid cid) throws StoreException {
        try (Connection c = connection()) {
            return isPinned(c, cid);
        } catch (SQLException e) {
            throw failed("isPinned " + cid, e);
        }
    }

    private static boolean isPinned(Connection c, Cid cid) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(PIN_COUNT_OVER)) {
            byte[] key = key(cid);
            p.setBytes(1, key);
            p.setBytes(2, key);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Mark and sweep in one REPEATABLE READ transaction: both phases see the same snapshot, so a
     * block put while the collection runs is never swept (even one a pin reaches that the mark
     * phase could not see). Collections on this store run one at a time.
     */
    @Override
    public synchronized long garbageCollect() throws StoreException {
        try (Connection c = connection()) {
            int isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM gc_reachable");
                long marked = s.executeUpdate(MARK);
                long deleted = s.executeUpdate(SWEEP);
                s.executeUpdate("DELETE FROM gc_reachable");
                c.commit();
                LOG.debug("block store {}: garbage collection kept {} reachable, deleted {} blocks", db, marked,
                        deleted);
                return deleted;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw failed("garbage collection", e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private long queryLong(String sql) throws StoreException {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    private Connection connection() throws StoreException {
        if (closed) {
            throw new StoreException("block store is closed");
        }
        return db.connection();
    }

    private static byte[] key(Cid cid) {
        return BlockLinks.key(cid).toBytes();
    }

    private static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    private StoreException failed(String what, SQLException e) {
        return new StoreException("block store " + db + ": " + what + " failed: " + e.getMessage(), e);
    }
}
