package io.solcial.beacon.gateway.web;

import io.solcial.beacon.gateway.http.HttpError;
import io.solcial.beacon.gateway.http.Request;
import io.solcial.beacon.gateway.http.Response;
import io.solcial.beacon.gateway.http.Router;
import io.solcial.beacon.gateway.model.AuthorModel;
import io.solcial.beacon.gateway.model.PostModel;
import io.solcial.beacon.gateway.model.RequestValues;
import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import io.solcial.node.Cursor;
import io.solcial.node.PostView;
import io.solcial.node.ProfileView;
import io.solcial.node.SocialReader;
import io.solcial.node.ThreadView;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The web mirror: {@code /} (recent posts across the network), {@code /u/{address}} (a profile and
 * its posts) and {@code /p/{cid}} (a post and its replies), server-rendered. Every post carries
 * its signed entry and content blocks for {@code verify.js}.
 */
public final class WebPages {
    /**
     * Pages load only the gateway's own scripts, styles and images; nothing inline, no frames,
     * no plugins. The data blocks in the page are attributes, never executed.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final int PAGE = RequestValues.DEFAULT_LIMIT;

    private final SocialReader reader;
    private final PageRenderer renderer;

    public WebPages(SocialReader reader, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.renderer = new PageRenderer(clock);
    }

    /** Adds the page routes and the static assets to {@code router}. */
    public void register(Router router) {
        router.get("/", this::home);
        router.get("/u/{address}", this::profile);
        router.get("/p/{cid}", this::post);
        router.get("/media/{cid}", new MediaHandler(reader)::handle);
        router.get("/static/{file}", StaticAssets.load()::handle);
    }

    Response home(Request request) throws HttpError, StoreException {
        Optional<Cursor> before = RequestValues.cursor(request.query("before"));
        SocialReader.Page<PostView> page = reader.recentPosts(PAGE, before);
        Map<String, Object> model = base("Latest posts");
        model.put("posts", PostModel.of(page.items()));
        model.put("next", page.next().map(Cursor::toString).orElse(null));
        model.put("paged", before.isPresent());
        return page("home", model);
    }

    Response profile(Request request) throws HttpError, StoreException {
        Ed25519PublicKey author = RequestValues.address(request.param("address"));
        Optional<Cursor> before = RequestValues.cursor(request.query("before"));
        ProfileView view = reader.profile(author, PAGE, before)
                .orElseThrow(() -> HttpError.notFound("this beacon holds no profile for " + author.address()));
        AuthorModel who = AuthorModel.of(view.author());
        Map<String, Object> model = base(who.displayName());
        model.put("author", who);
        model.put("bio", view.fields().bio().orElse(null));
        model.put("profile", view);
        model.put("posts", PostModel.of(view.posts().items()));
        model.put("next", view.posts().next().map(Cursor::toString).orElse(null));
        return page("profile", model);
    }

    Response post(Request request) throws HttpError, StoreException {
        Cid cid = RequestValues.cid(request.param("cid"));
        ThreadView thread = reader.thread(cid)
                .orElseThrow(() -> HttpError.notFound("this beacon holds no post " + cid));
        PostModel post = PostModel.of(thread.post());
        Map<String, Object> model = base(post.author().displayName() + ": "
                + (post.text() == null ? "post" : clipTitle(post.text())));
        model.put("post", post);
        model.put("replies", PostModel.of(thread.replies()));
        return page("post", model);
    }

    private Map<String, Object> base(String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("status", reader.status());
        return model;
    }

    private Response page(String template, Map<String, Object> model) {
        return Response.html(renderer.render(template, model))
                .header("content-security-policy", CSP)
                .header("referrer-policy", "no-referrer")
                .header("cache-control", "no-cache");
    }

    private static String clipTitle(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 60 ? line : line.substring(0, 59) + "…";
    }
}
