package io.solcial.store;

import io.solcial.content.Block;
import io.solcial.content.BlockLinks;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.log.EntryCodec;
import io.solcial.log.InvalidEntryException;
import io.solcial.log.LogEntry;
import io.solcial.log.LogStore;
import io.solcial.multiformats.Cid;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link LogStore} on the {@code log_entries} table (migration V4), with the blocks in the node's {@link H2Blockstore}. */
public final class H2LogStore implements LogStore {
    private final Database db;
    private final H2Blockstore blocks;

    public H2LogStore(Database db, H2Blockstore blocks) {
        this.db = db;
        this.blocks = blocks;
    }

    @Override
    public synchronized List<LogEntry> addAll(List<Item> items) throws StoreException {
        List<LogEntry> added = new ArrayList<>();
        List<Block> inserted = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement exists = c.prepareStatement("SELECT COUNT(*) FROM log_entries WHERE cid = ?");
                    PreparedStatement blockExists = c.prepareStatement("SELECT COUNT(*) FROM blocks WHERE cid = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO log_entries (cid, author, seq, ts, action, is_head) VALUES (?, ?, ?, ?, ?, TRUE)");
                    PreparedStatement unhead = c.prepareStatement(
                            "UPDATE log_entries SET is_head = FALSE WHERE cid = ?")) {
                for (Item item : items) {
                    LogEntry entry = item.entry();
                    byte[] key = entry.cid().toBytes();
                    if (count(exists, key) > 0) {
                        continue;
                    }
                    if (count(blockExists, BlockLinks.key(item.block().cid()).toBytes()) == 0) {
                        blocks.insert(c, item.block());
                        inserted.add(item.block());
                    }
                    insert.setBytes(1, key);
                    insert.setBytes(2, entry.entry().author().toByteArray());
                    insert.setLong(3, entry.seq());
                    insert.setLong(4, entry.entry().timestamp());
                    insert.setString(5, entry.entry().action().wireName());
                    insert.executeUpdate();
                    for (Cid prev : entry.entry().prev()) {
                        unhead.setBytes(1, prev.toBytes());
                        unhead.executeUpdate();
                    }
                    added.add(entry);
                }
                c.commit();
                inserted.forEach(blocks::stored);
                return added;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store " + items.size() + " entries: " + e.getMessage(), e);
        }
    }

    private static long count(PreparedStatement s, byte[] key) throws SQLException {
        s.setBytes(1, key);
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public boolean has(Cid entry) throws StoreException {
        return scalar("SELECT COUNT(*) FROM log_entries WHERE cid = ?", entry.toBytes()) > 0;
    }

    @Override
    public Optional<LogEntry> get(Cid entry) throws StoreException {
        return has(entry) ? Optional.of(load(entry)) : Optional.empty();
    }

    @Override
    public List<LogEntry> heads(Ed25519PublicKey author) throws StoreException {
        return loadAll(query("SELECT cid FROM log_entries WHERE author = ? AND is_head ORDER BY seq, cid",
                author.toByteArray(), Integer.MAX_VALUE));
    }

    @Override
    public long maxSeq(Ed25519PublicKey author) throws StoreException {
        return scalar("SELECT COALESCE(MAX(seq), 0) FROM log_entries WHERE author = ?", author.toByteArray());
    }

    @Override
    public List<Cid> cidsAfter(Ed25519PublicKey author, long afterSeq, int limit) throws StoreException {
        List<Cid> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT cid FROM log_entries WHERE author = ? AND seq > ? ORDER BY seq, cid LIMIT ?")) {
            s.setBytes(1, author.toByteArray());
            s.setLong(2, afterSeq);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Cid.decode(rs.getBytes(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list entries of " + author + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<LogEntry> entries(Ed25519PublicKey author) throws StoreException {
        return loadAll(query("SELECT cid FROM log_entries WHERE author = ? ORDER BY seq, cid", author.toByteArray(),
                Integer.MAX_VALUE));
    }

    @Override
    public List<Ed25519PublicKey> authors() throws StoreException {
        List<Ed25519PublicKey> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT author FROM log_entries");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(Ed25519PublicKey.of(rs.getBytes(1)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list authors: " + e.getMessage(), e);
        }
    }

    @Override
    public long count() throws StoreException {
        return scalar("SELECT COUNT(*) FROM log_entries", null);
    }

    @Override
    public long count(Ed25519PublicKey author) throws StoreException {
        return scalar("SELECT COUNT(*) FROM log_entries WHERE author = ?", author.toByteArray());
    }

    @Override
    public synchronized int forget(Ed25519PublicKey author) throws StoreException {
        try (Connection c = db.connection();
                PreparedStatement s = c.prepareStatement("DELETE FROM log_entries WHERE author = ?")) {
            s.setBytes(1, author.toByteArray());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot forget " + author + ": " + e.getMessage(), e);
        }
    }

    private LogEntry load(Cid cid) throws StoreException {
        try {
            Block block = blocks.get(cid).orElseThrow(
                    () -> new StoreException("entry " + cid + " is indexed but its block is missing"));
            return new LogEntry(cid, EntryCodec.decode(block));
        } catch (CorruptBlockException | InvalidEntryException e) {
            throw new StoreException("stored entry " + cid + " is unreadable: " + e.getMessage(), e);
        }
    }

    private List<LogEntry> loadAll(List<Cid> cids) throws StoreException {
        List<LogEntry> out = new ArrayList<>(cids.size());
        for (Cid cid : cids) {
            out.add(load(cid));
        }
        return out;
    }

    private List<Cid> query(String sql, byte[] key, int limit) throws StoreException {
        List<Cid> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, key);
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Cid.decode(rs.getBytes(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("log query failed: " + e.getMessage(), e);
        }
    }

    private long scalar(String sql, byte[] key) throws StoreException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (key != null) {
                s.setBytes(1, key);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("log query failed: " + e.getMessage(), e);
        }
    }
}
