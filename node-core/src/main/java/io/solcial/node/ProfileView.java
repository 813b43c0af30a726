package io.solcial.node;

import io.solcial.log.ProfileFields;
import java.util.Objects;

/**
 * A profile page: the author, their profile fields, counts and one page of their posts.
 *
 * @param entries   entries of this author's log held here
 * @param following authors this author currently follows
 * @param followers authors (held here) currently following this one
 */
public record ProfileView(AuthorSummary author, ProfileFields fields, long entries, int postCount, int following,
        int followers, SocialReader.Page<PostView> posts) {

    public ProfileView {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(posts, "posts");
    }
}
