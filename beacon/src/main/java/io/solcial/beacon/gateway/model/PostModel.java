package io.solcial.beacon.gateway.model;

import io.solcial.content.Block;
import io.solcial.log.EntryCodec;
import io.solcial.log.InvalidEntryException;
import io.solcial.log.PostContent;
import io.solcial.multiformats.Cid;
import io.solcial.node.AuthorSummary;
import io.solcial.node.PostView;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A post or reply flattened for templates and JSON, with the signed blocks (base64) so that a
 * reader can check it without trusting the gateway.
 *
 * @param cid          entry CID
 * @param author       who wrote it
 * @param timestamp    ms since the epoch (the author's clock)
 * @param text         the post text, or null while the content block is not held
 * @param media        attachments (empty while the content is not held)
 * @param parent       entry replied to, or null
 * @param root         thread root, or null
 * @param likes        distinct likers known here
 * @param replies      replies known here
 * @param entryBlock   the signed entry block, base64
 * @param contentCid   the CID the entry names as its content
 * @param contentBlock the content block, base64, or null
 */
public record PostModel(String cid, AuthorModel author, long timestamp, String text, List<MediaModel> media,
        String parent, String root, int likes, int replies, String entryBlock, String contentCid,
        String contentBlock) {

    public PostModel {
        media = List.copyOf(media);
    }

    public static PostModel of(PostView view) {
        return of(view, AuthorModel.of(view.author()));
    }

    /** The views in order; each distinct author's model (its base58 address) is built once. */
    public static List<PostModel> of(List<PostView> views) {
        Map<AuthorSummary, AuthorModel> authors = new HashMap<>();
        return views.stream().map(v -> of(v, authors.computeIfAbsent(v.author(), AuthorModel::of))).toList();
    }

    private static PostModel of(PostView view, AuthorModel author) {
        PostContent content = view.content().orElse(null);
        return new PostModel(view.entry().toString(), author, view.timestamp(),
                content == null ? null : content.text(),
                content == null ? List.of() : content.media().stream().map(MediaModel::of).toList(),
                view.parent().map(Cid::toString).orElse(null), view.root().map(Cid::toString).orElse(null),
                view.likes(), view.replies(), base64(view.entryBlock()), contentCid(view),
                view.contentBlock().map(PostModel::base64).orElse(null));
    }

    private static String contentCid(PostView view) {
        if (view.contentBlock().isPresent()) {
            return view.contentBlock().get().cid().toString();
        }
        try {
            return EntryCodec.decode(view.entryBlock()).params().cid("content").map(Cid::toString).orElse(null);
        } catch (InvalidEntryException e) {
            return null;
        }
    }

    private static String base64(Block block) {
        return Base64.getEncoder().encodeToString(block.bytes());
    }
}
