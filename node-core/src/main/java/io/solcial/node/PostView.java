package io.solcial.node;

import io.solcial.content.Block;
import io.solcial.log.PostContent;
import io.solcial.multiformats.Cid;
import java.util.Objects;
import java.util.Optional;

/**
 * A post or reply as readers see it.
 *
 * @param entry        the entry's CID
 * @param entryBlock   the signed entry block itself (so a reader can verify the signature)
 * @param author       who wrote it
 * @param timestamp    the author's timestamp, ms since the epoch
 * @param content      the post content, empty while its block has not been fetched
 * @param contentBlock the content block (its CID is the entry's {@code content} param), when held
 * @param parent       for a reply, the entry replied to
 * @param root         for a reply, the thread's first entry when the author named it
 * @param likes        distinct authors (that this node holds) currently liking it
 * @param replies      live replies to it that this node holds
 */
public record PostView(Cid entry, Block entryBlock, AuthorSummary author, long timestamp,
        Optional<PostContent> content, Optional<Block> contentBlock, Optional<Cid> parent, Optional<Cid> root,
        int likes, int replies) {

    public PostView {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(entryBlock, "entryBlock");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentBlock, "contentBlock");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(root, "root");
    }

    public Cursor cursor() {
        return new Cursor(timestamp, entry);
    }
}
