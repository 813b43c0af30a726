/**
 * HEAD sync, {@code /solcial/sync/1.0.0} (docs/protocol.md): ask a seeder for the heads of an
 * author's log and the CIDs of the entries it holds, fetch the missing entry blocks over bitswap
 * from that seeder, validate them oldest first and store them. An invalid entry stops the walk and
 * marks the seeder as the peer to ban.
 */
package io.solcial.exchange.sync;
