/**
 * The node's SQL storage: {@link io.solcial.store.Database} (H2 in file mode by default, schema
 * migrations, one node per data directory) and the tables built on it, starting with
 * {@link io.solcial.store.H2Blockstore}. Plain JDBC and SQL that H2 and PostgreSQL both accept.
 */
package io.solcial.store;
