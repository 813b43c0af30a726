package io.solcial.beacon.gateway.api;

import io.solcial.beacon.gateway.http.HttpError;
import io.solcial.beacon.gateway.http.Request;
import io.solcial.beacon.gateway.http.Response;
import io.solcial.beacon.gateway.http.Router;
import io.solcial.beacon.gateway.model.AuthorModel;
import io.solcial.beacon.gateway.model.PostModel;
import io.solcial.beacon.gateway.model.RequestValues;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import io.solcial.node.Cursor;
import io.solcial.node.NodeStatus;
import io.solcial.node.PostView;
import io.solcial.node.ProfileView;
import io.solcial.node.SocialReader;
import io.solcial.node.ThreadView;
import java.util.Objects;

/**
 * The read-only JSON API under {@code /api/v1} (docs/gateway.md): recent posts, a profile with
 * its posts, a thread, and the node's status. Errors are {@code {"error": "..."}} with 400/404.
 */
public final class JsonApi {
    private final SocialReader reader;
    private final JsonResponses json = new JsonResponses();

    public JsonApi(SocialReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public void register(Router router) {
        router.get("/api/v1/posts", json.wrap(this::posts));
        router.get("/api/v1/posts/{cid}", json.wrap(this::thread));
        router.get("/api/v1/profiles/{address}", json.wrap(this::profile));
        router.get("/api/v1/status", json.wrap(this::status));
        router.get("/api/{rest...}", json.wrap(request -> {
            throw HttpError.notFound("no such API endpoint: " + RequestValues.clip(request.path()));
        }));
    }

    Response posts(Request request) throws Exception {
        SocialReader.Page<PostView> page = reader.recentPosts(RequestValues.limit(request.query("limit")),
                RequestValues.cursor(request.query("before")));
        return json.ok(new ApiModels.PostPage(PostModel.of(page.items()), next(page)));
    }

    Response thread(Request request) throws Exception {
        Cid cid = RequestValues.cid(request.param("cid"));
        ThreadView thread = reader.thread(cid).orElseThrow(() -> HttpError.notFound("no post " + cid + " here"));
        return json.ok(new ApiModels.Thread(PostModel.of(thread.post()), PostModel.of(thread.replies())));
    }

    Response profile(Request request) throws Exception {
        Ed25519PublicKey author = RequestValues.address(request.param("address"));
        ProfileView view = reader.profile(author, RequestValues.limit(request.query("limit")),
                        RequestValues.cursor(request.query("before")))
                .orElseThrow(() -> HttpError.notFound("no profile for " + author.address() + " here"));
        return json.ok(new ApiModels.Profile(AuthorModel.of(view.author()), view.fields().bio().orElse(null),
                view.entries(), view.postCount(), view.following(), view.followers(),
                PostModel.of(view.posts().items()), next(view.posts())));
    }

    Response status(Request request) throws Exception {
        NodeStatus s = reader.status();
        return json.ok(new ApiModels.Status(s.peers(), s.activeView(), s.passiveView(), s.authors(), s.entries(),
                s.blocks(), s.blockBytes(), s.bans()));
    }

    private static String next(SocialReader.Page<PostView> page) {
        return page.next().map(Cursor::toString).orElse(null);
    }
}
