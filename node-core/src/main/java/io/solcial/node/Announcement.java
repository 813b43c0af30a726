package io.solcial.node;

import io.solcial.content.Block;
import io.solcial.log.Entry;
import io.solcial.log.EntryCodec;
import io.solcial.log.InvalidEntryException;
import io.solcial.log.LogConstants;
import io.solcial.log.LogEntry;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Multicodec;
import io.solcial.overlay.plumtree.PayloadValidator;
import io.solcial.overlay.plumtree.PayloadValidator.Validation;

/**
 * The payload broadcast on {@code /solcial/content} when an entry is written (docs/protocol.md,
 * "Entry announcements"): the signed entry block itself. It names the entry (its CID is the block's
 * hash) and the author, and a receiver can check the signature before relaying it, so a peer that
 * relays a forged announcement is banned by the overlay.
 */
public final class Announcement {
    private Announcement() {
    }

    public static Bytes encode(Block entryBlock) {
        return entryBlock.data();
    }

    /** Decodes and checks the signature; the entry's place in its log is checked later, by sync. */
    public static LogEntry decode(Bytes payload) throws InvalidEntryException {
        if (payload.length() > LogConstants.MAX_ENTRY_SIZE) {
            throw new InvalidEntryException(InvalidEntryException.Reason.OVERSIZE,
                    "announcement of " + payload.length() + " bytes");
        }
        Block block = block(payload);
        Entry entry = EntryCodec.decode(block);
        if (!entry.verifySignature()) {
            throw new InvalidEntryException(InvalidEntryException.Reason.BAD_SIGNATURE,
                    "announced entry is not signed by " + entry.author());
        }
        return new LogEntry(block.cid(), entry);
    }

    /** The block of a decoded announcement. */
    public static Block block(Bytes payload) {
        return Block.create(Multicodec.DAG_PB, payload.toByteArray());
    }

    /** The overlay's check: a payload that is not a signed entry gets its relayer banned. */
    public static PayloadValidator validator() {
        return payload -> {
            try {
                decode(payload);
                return Validation.VALID;
            } catch (InvalidEntryException | IllegalArgumentException e) {
                return new Validation.Invalid("bad entry announcement: " + e.getMessage());
            }
        };
    }
}
