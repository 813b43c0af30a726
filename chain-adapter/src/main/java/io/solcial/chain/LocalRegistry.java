package io.solcial.chain;

import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.membership.ChainUnavailableException;
import io.solcial.membership.MembershipOracle;
import io.solcial.store.Database;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The embedded registry: the same answers as the chain, kept in the node's H2 database
 * ({@code registry_members}, {@code registry_balances}). The default for the demo and offline
 * development. Registered = a row in {@code registry_members}; N = their count; balances are
 * set per (owner, mint). Lookups run on the registry's own thread, never the caller's.
 */
public final class LocalRegistry implements MembershipOracle, AutoCloseable {
    private final Database database;
    private final Clock clock;
    private final ExecutorService executor;

    public LocalRegistry(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-registry");
            t.setDaemon(true);
            return t;
        });
    }

    public LocalRegistry(Database database) {
        this(database, Clock.systemUTC());
    }

    /** Registers {@code wallet}; false if it already was. */
    public boolean register(Ed25519PublicKey wallet) throws StoreException {
        return update("register " + wallet, "INSERT INTO registry_members (wallet, registered_at) SELECT ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM registry_members WHERE wallet = ?)", p -> {
                    p.setBytes(1, wallet.toByteArray());
                    p.setTimestamp(2, Timestamp.from(clock.instant()));
                    p.setBytes(3, wallet.toByteArray());
                }) == 1;
    }

    /** Removes {@code wallet}; false if it was not registered. */
    public boolean unregister(Ed25519PublicKey wallet) throws StoreException {
        return update("unregister " + wallet, "DELETE FROM registry_members WHERE wallet = ?",
                p -> p.setBytes(1, wallet.toByteArray())) == 1;
    }

    /** Sets what {@code owner} holds of {@code mint} (base units, 0..2^64-1). */
    public void setBalance(Ed25519PublicKey owner, Ed25519PublicKey mint, BigInteger amount) throws StoreException {
        if (amount.signum() < 0 || amount.compareTo(SolanaRpc.U64_MAX) > 0) {
            throw new IllegalArgumentException("a token balance is 0..2^64-1, got " + amount);
        }
        String what = "set balance of " + owner + " for " + mint;
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE registry_balances SET amount = ? WHERE owner = ? AND mint = ?")) {
                    p.setBigDecimal(1, new BigDecimal(amount));
                    p.setBytes(2, owner.toByteArray());
                    p.setBytes(3, mint.toByteArray());
                    updated = p.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO registry_balances (owner, mint, amount) VALUES (?, ?, ?)")) {
                        p.setBytes(1, owner.toByteArray());
                        p.setBytes(2, mint.toByteArray());
                        p.setBigDecimal(3, new BigDecimal(amount));
                        p.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("local registry: cannot " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Boolean> isMember(Ed25519PublicKey wallet) {
        return query(() -> queryLong("SELECT COUNT(*) FROM registry_members WHERE wallet = ?",
                wallet.toByteArray()) > 0);
    }

    @Override
    public CompletableFuture<Long> estimatedNetworkSize() {
        return query(() -> queryLong("SELECT COUNT(*) FROM registry_members"));
    }

    @Override
    public CompletableFuture<BigInteger> tokenBalance(Ed25519PublicKey owner, Ed25519PublicKey mint) {
        return query(() -> {
            try (Connection c = database.connection();
                    PreparedStatement p = c.prepareStatement(
                            "SELECT amount FROM registry_balances WHERE owner = ? AND mint = ?")) {
                p.setBytes(1, owner.toByteArray());
                p.setBytes(2, mint.toByteArray());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getBigDecimal(1).toBigIntegerExact() : BigInteger.ZERO;
                }
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException, StoreException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private <T> CompletableFuture<T> query(Query<T> query) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    future.complete(query.run());
                } catch (SQLException | StoreException e) {
                    future.completeExceptionally(
                            new ChainUnavailableException("local registry unavailable: " + e.getMessage(), e));
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new ChainUnavailableException("local registry unavailable: it is closed", e));
        }
        return future;
    }

    private long queryLong(String sql, byte[]... params) throws SQLException, StoreException {
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setBytes(i + 1, params[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private int update(String what, String sql, Binder binder) throws StoreException {
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("local registry: cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
