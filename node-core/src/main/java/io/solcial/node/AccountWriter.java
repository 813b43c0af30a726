package io.solcial.node;

import io.solcial.content.Block;
import io.solcial.content.Blockstore;
import io.solcial.content.StoreException;
import io.solcial.content.UnixFsImporter;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.log.Action;
import io.solcial.log.EntryCodec;
import io.solcial.log.EntryWriter;
import io.solcial.log.LogEntry;
import io.solcial.log.LogStore;
import io.solcial.log.Params;
import io.solcial.log.PostContent;
import io.solcial.log.PostContentCodec;
import io.solcial.multiformats.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the account's own log: stores media and post content first, then signs the next entry on
 * the current heads, stores and pins it, and hands its block to be announced. One write at a time.
 */
final class AccountWriter {
    private final Ed25519PublicKey account;
    private final EntryWriter writer;
    private final LogStore log;
    private final Blockstore blocks;
    private final Replicator replicator;
    private final Consumer<Block> announce;

    AccountWriter(Ed25519PublicKey account, EntryWriter writer, LogStore log, Blockstore blocks, Replicator replicator,
            Consumer<Block> announce) {
        this.account = account;
        this.writer = writer;
        this.log = log;
        this.blocks = blocks;
        this.replicator = replicator;
        this.announce = announce;
    }

    synchronized LogEntry write(Action action, Params params) throws StoreException {
        params.check(action);
        LogEntry entry = writer.append(log.heads(account), action, params);
        Block block = EntryCodec.encode(entry.entry());
        replicator.appendOwn(entry, block);
        announce.accept(block);
        return entry;
    }

    /** Stores the media and the post content block; returns the content's CID. */
    Cid content(String text, List<MediaUpload> media) throws StoreException, IOException {
        List<PostContent.Media> items = new ArrayList<>();
        for (MediaUpload m : media) {
            items.add(new PostContent.Media(importFile(m), m.mime(), m.name()));
        }
        Block block = PostContentCodec.encode(new PostContent(text, items));
        blocks.put(block);
        return block.cid();
    }

    /** Imports a file as UnixFS; returns its root. */
    Cid importFile(MediaUpload m) throws StoreException, IOException {
        try (InputStream in = m.source().open()) {
            return new UnixFsImporter(blocks).importStream(in).root();
        }
    }
}
