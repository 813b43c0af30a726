package io.solcial.node;

import java.util.List;
import java.util.Objects;

/** A post or reply with its direct replies, oldest first. */
public record ThreadView(PostView post, List<PostView> replies) {

    public ThreadView {
        Objects.requireNonNull(post, "post");
        replies = List.copyOf(replies);
    }
}
