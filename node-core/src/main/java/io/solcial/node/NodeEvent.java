package io.solcial.node;

import io.solcial.exchange.sync.SyncProgress;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.log.LogEntry;
import java.util.List;

/** What a node tells its front ends as it happens. Listeners run on a node thread: keep them quick. */
public sealed interface NodeEvent {

    /** Entries of {@code author}'s log were added (written here, or validated after arriving). */
    record EntriesAdded(Ed25519PublicKey author, List<LogEntry> entries, boolean own) implements NodeEvent {
        public EntriesAdded {
            entries = List.copyOf(entries);
        }
    }

    /** A sync of {@code author}'s log advanced. */
    record Sync(SyncProgress progress) implements NodeEvent {}

    /** The content (post text, media) of an entry is now held. */
    record ContentHeld(Ed25519PublicKey author, LogEntry entry) implements NodeEvent {}

    /** A peer connected or disconnected. */
    record Peer(PeerId peer, boolean connected) implements NodeEvent {}

    /** A peer was banned for serving or relaying invalid data. */
    record Banned(PeerId peer, String reason) implements NodeEvent {}
}
