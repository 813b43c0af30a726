package io.solcial.node;

import io.solcial.content.StoreException;
import io.solcial.membership.MembershipOracle;
import io.solcial.store.Database;

/**
 * Makes the node's chain port once its database is open: the embedded local registry keeps its
 * tables in the node's own database; a Solana oracle ignores it.
 */
@FunctionalInterface
public interface OracleFactory {

    MembershipOracle create(Database db) throws StoreException;

    /** Always {@code oracle} (shared by several in-process nodes, or one that needs no database). */
    static OracleFactory of(MembershipOracle oracle) {
        return db -> oracle;
    }
}
