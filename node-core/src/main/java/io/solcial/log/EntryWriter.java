package io.solcial.log;

import io.solcial.content.Block;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Builds and signs the next entry of the key holder's log. Given the current heads (one, or several
 * when devices sharing the key wrote concurrently), the new entry links all of them: prev = the
 * heads' CIDs sorted, seq = 1 + their largest seq, timestamp = the clock, but never earlier than a
 * head's timestamp (so the entry passes {@link EntryValidator} on a node whose clock is behind).
 */
public final class EntryWriter {
    private final Ed25519KeyPair keys;
    private final Clock clock;

    public EntryWriter(Ed25519KeyPair keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The next entry after {@code heads} (empty for the first entry of a log). */
    public LogEntry append(Collection<LogEntry> heads, Action action, Params params) {
        if (heads.size() > LogConstants.MAX_PREV) {
            throw new IllegalArgumentException("cannot merge more than " + LogConstants.MAX_PREV + " heads at once");
        }
        long maxSeq = 0;
        long timestamp = clock.millis();
        for (LogEntry head : heads) {
            if (!head.entry().author().equals(keys.publicKey())) {
                throw new IllegalArgumentException("head " + head.cid() + " is not an entry of " + keys.publicKey());
            }
            maxSeq = Math.max(maxSeq, head.seq());
            timestamp = Math.max(timestamp, head.entry().timestamp());
        }
        List<Cid> prev = heads.stream().map(LogEntry::cid).distinct().sorted().toList();
        Entry entry = new UnsignedEntry(keys.publicKey(), prev, maxSeq + 1, action, timestamp, params).sign(keys);
        Block block = EntryCodec.encode(entry);
        return new LogEntry(block.cid(), entry);
    }
}
