package io.solcial.beacon.gateway.api;

import io.solcial.beacon.gateway.model.AuthorModel;
import io.solcial.beacon.gateway.model.PostModel;
import java.util.List;

/** The JSON shapes of the API (docs/gateway.md); posts and authors are the shared models. */
final class ApiModels {
    private ApiModels() {
    }

    /** A page of posts; {@code next} is the cursor for the following page, or null on the last. */
    record PostPage(List<PostModel> posts, String next) {
    }

    record Thread(PostModel post, List<PostModel> replies) {
    }

    record Profile(AuthorModel author, String bio, long entries, int postCount, int following, int followers,
            List<PostModel> posts, String next) {
    }

    record Status(int peers, int activeView, int passiveView, long authors, long entries, long blocks,
            long blockBytes, int bans) {
    }
}
