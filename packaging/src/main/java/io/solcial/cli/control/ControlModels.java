package io.solcial.cli.control;

import io.solcial.beacon.gateway.model.AuthorModel;
import io.solcial.beacon.gateway.model.PostModel;
import java.util.List;

/**
 * The JSON shapes of the control API (docs/control-api.md). Posts and authors are the gateway's
 * models, so a post looks the same here as in {@code /api/v1}.
 */
public final class ControlModels {
    private ControlModels() {
    }

    /** An entry this node wrote: its action, CID and sequence number in the account's log. */
    public record Written(String action, String entry, long seq) {
    }

    /** A page of the feed, newest first; {@code next} is the cursor of the following page, or null. */
    public record FeedPage(List<PostModel> posts, String next) {
        public FeedPage {
            posts = posts == null ? List.of() : List.copyOf(posts);
        }
    }

    public record Profile(AuthorModel author, String bio, long entries, int postCount, int following, int followers,
            List<PostModel> posts, String next) {
        public Profile {
            posts = posts == null ? List.of() : List.copyOf(posts);
        }
    }

    /** Who this node is and what it holds. */
    public record Status(String account, String peerId, List<String> addresses, int peers, int activeView,
            long authors, long entries, long blocks, long blockBytes, int following) {
        public Status {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }
    }

    // ---------------------------------------------------------------- request bodies

    /** {@code images}: absolute paths of files on the node's machine; {@code replyTo}: an entry CID or null. */
    public record PostRequest(String text, List<String> images, String replyTo) {
        public PostRequest {
            images = images == null ? List.of() : List.copyOf(images);
        }
    }

    /** A like or unlike of the entry {@code target}. */
    public record TargetRequest(String target) {
    }

    /** A follow or unfollow of the wallet address {@code author}. */
    public record AuthorRequest(String author) {
    }

    /** Fields left null are not changed; {@code avatar} is an absolute path of an image file. */
    public record ProfileRequest(String name, String bio, String avatar) {
    }
}
