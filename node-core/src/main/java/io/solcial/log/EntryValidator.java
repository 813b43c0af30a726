package io.solcial.log;

import static io.solcial.log.InvalidEntryException.Reason.AUTHOR_MISMATCH;
import static io.solcial.log.InvalidEntryException.Reason.BAD_SIGNATURE;
import static io.solcial.log.InvalidEntryException.Reason.FUTURE_TIMESTAMP;
import static io.solcial.log.InvalidEntryException.Reason.MISSING_PREV;
import static io.solcial.log.InvalidEntryException.Reason.TIMESTAMP_BEFORE_PREV;
import static io.solcial.log.InvalidEntryException.Reason.WRONG_SEQ;

import io.solcial.content.Block;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import java.time.Clock;
import java.util.Objects;

/**
 * Checks an entry block as it arrives during sync: it decodes canonically, belongs to the
 * expected log, is signed by its author, is not from the future, and fits on its prev entries,
 * which must have been validated already (sync walks prev links and validates oldest first).
 * What this cannot see (whether a delete's target is the author's) is left to the fold.
 */
public final class EntryValidator {
    private final Clock clock;

    public EntryValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Validates {@code block} as an entry of {@code expectedAuthor}'s log.
     *
     * @param prevs the entries validated so far; every prev must be found there
     */
    public LogEntry validate(Block block, Ed25519PublicKey expectedAuthor, PrevLookup prevs)
            throws InvalidEntryException {
        Entry entry = EntryCodec.decode(block);
        check(entry, expectedAuthor, prevs);
        return new LogEntry(block.cid(), entry);
    }

    /**
     * The checks after decoding, for an entry already decoded strictly from its block with
     * {@link EntryCodec#decode} (sync decodes each block once, to follow its prev links).
     */
    public void check(Entry entry, Ed25519PublicKey expectedAuthor, PrevLookup prevs) throws InvalidEntryException {
        checkSigned(entry, expectedAuthor);
        checkPlacement(entry, prevs);
    }

    /**
     * The checks that need nothing but the entry (author, signature, clock), steps 3–5 of the
     * validation; independent per entry, so sync runs them in parallel.
     */
    public void checkSigned(Entry entry, Ed25519PublicKey expectedAuthor) throws InvalidEntryException {
        if (!entry.author().equals(expectedAuthor)) {
            throw new InvalidEntryException(AUTHOR_MISMATCH,
                    "entry by " + entry.author() + " in the log of " + expectedAuthor);
        }
        if (!entry.verifySignature()) {
            throw new InvalidEntryException(BAD_SIGNATURE, "signature does not verify for " + entry.author());
        }
        long limit = clock.millis() + LogConstants.MAX_CLOCK_SKEW.toMillis();
        if (entry.timestamp() > limit) {
            throw new InvalidEntryException(FUTURE_TIMESTAMP,
                    "timestamp " + entry.timestamp() + " is more than " + LogConstants.MAX_CLOCK_SKEW + " ahead");
        }
    }

    /** The entry's place in its log (steps 6–8): its prevs, validated already, and its timestamp and seq after them. */
    public void checkPlacement(Entry entry, PrevLookup prevs) throws InvalidEntryException {
        checkPrevs(entry, prevs);
    }

    private static void checkPrevs(Entry entry, PrevLookup prevs) throws InvalidEntryException {
        long maxSeq = 0;
        for (Cid cid : entry.prev()) {
            Entry prev = prevs.find(cid).orElseThrow(
                    () -> new InvalidEntryException(MISSING_PREV, "prev " + cid + " is not available"));
            if (!prev.author().equals(entry.author())) {
                throw new InvalidEntryException(AUTHOR_MISMATCH, "prev " + cid + " is by " + prev.author());
            }
            if (entry.timestamp() < prev.timestamp()) {
                throw new InvalidEntryException(TIMESTAMP_BEFORE_PREV,
                        "timestamp " + entry.timestamp() + " is before prev " + cid + " at " + prev.timestamp());
            }
            maxSeq = Math.max(maxSeq, prev.seq());
        }
        if (entry.seq() != maxSeq + 1) {
            throw new InvalidEntryException(WRONG_SEQ, "seq " + entry.seq() + " after prev seq " + maxSeq);
        }
    }
}
