package io.solcial.log;

import io.solcial.multiformats.Cid;
import java.util.Map;
import java.util.Optional;

/** Finds entries that have already been validated, so that a new entry can be checked against its prevs. */
@FunctionalInterface
public interface PrevLookup {

    Optional<Entry> find(Cid cid);

    static PrevLookup of(Map<Cid, Entry> validated) {
        return cid -> Optional.ofNullable(validated.get(cid));
    }
}
