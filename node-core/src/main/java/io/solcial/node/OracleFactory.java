package io.solcial.node;

import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.membership.MembershipOracle;
import io.solcial.store.Database;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;

/**
 * Makes the node's chain port once its database is open: the embedded local registry keeps its
 * tables in the node's own database; a Solana oracle ignores it. The node owns what this makes and
 * closes it (when it is {@link AutoCloseable}) as it stops.
 */
@FunctionalInterface
public interface OracleFactory {

    MembershipOracle create(Database db) throws StoreException;

    /**
     * Always {@code oracle} (shared by several in-process nodes, or one that needs no database). The
     * node does not own it: stopping the node leaves it open.
     */
    static OracleFactory of(MembershipOracle oracle) {
        MembershipOracle shared = new MembershipOracle() {
            @Override
            public CompletableFuture<Boolean> isMember(Ed25519PublicKey wallet) {
                return oracle.isMember(wallet);
            }

            @Override
            public CompletableFuture<Long> estimatedNetworkSize() {
                return oracle.estimatedNetworkSize();
            }

            @Override
            public CompletableFuture<BigInteger> tokenBalance(Ed25519PublicKey owner, Ed25519PublicKey mint) {
                return oracle.tokenBalance(owner, mint);
            }
        };
        return db -> shared;
    }
}
