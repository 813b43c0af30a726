package io.solcial.log;

import io.solcial.multiformats.Cid;
import java.util.Objects;

/** An entry together with its CID (the CID of its canonical block). */
public record LogEntry(Cid cid, Entry entry) {

    public LogEntry {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(entry, "entry");
    }

    /** Encodes {@code entry} to compute its CID. */
    public static LogEntry of(Entry entry) {
        return new LogEntry(EntryCodec.encode(entry).cid(), entry);
    }

    public long seq() {
        return entry.seq();
    }
}
