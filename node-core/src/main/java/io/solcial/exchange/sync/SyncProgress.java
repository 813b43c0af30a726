package io.solcial.exchange.sync;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;

/**
 * How far a sync of one author's log has come, for progress bars.
 *
 * @param known   entries the seeder says it holds
 * @param fetched entries fetched and validated in this sync so far
 * @param held    entries of this log held locally now
 */
public record SyncProgress(Ed25519PublicKey author, PeerId seeder, long known, long fetched, long held) {
}
