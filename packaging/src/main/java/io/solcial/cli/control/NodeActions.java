package io.solcial.cli.control;

import io.solcial.beacon.gateway.http.HttpError;
import io.solcial.beacon.gateway.model.AuthorModel;
import io.solcial.beacon.gateway.model.PostModel;
import io.solcial.beacon.gateway.model.RequestValues;
import io.solcial.cli.control.ControlModels.FeedPage;
import io.solcial.cli.control.ControlModels.Profile;
import io.solcial.cli.control.ControlModels.Status;
import io.solcial.cli.control.ControlModels.Written;
import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.log.LogEntry;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multiaddr;
import io.solcial.node.Cursor;
import io.solcial.node.MediaUpload;
import io.solcial.node.Node;
import io.solcial.node.NodeStatus;
import io.solcial.node.PostView;
import io.solcial.node.ProfileView;
import io.solcial.node.SocialReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link UserActions} on a node in this process: checks the values, writes to the account's log,
 * reads through the node's {@link SocialReader}. Used by the control server and by a brief node.
 * Closing it leaves the node running (its owner stops it).
 */
public final class NodeActions implements UserActions {
    private final Node node;

    public NodeActions(Node node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public Written post(String text, List<String> images, Optional<String> replyTo) throws ActionException {
        if (text == null) {
            throw ActionException.badRequest("a post needs text (it may be empty when it has images)");
        }
        if (text.isBlank() && images.isEmpty()) {
            throw ActionException.badRequest("nothing to post: the text is empty and there are no images");
        }
        Optional<Cid> parent = replyTo.isPresent() ? Optional.of(cid(replyTo.get())) : Optional.empty();
        List<MediaUpload> media = new ArrayList<>();
        for (String path : images) {
            media.add(MediaFiles.load(path));
        }
        return write(parent.isPresent() ? "reply" : "post", () -> parent.isPresent()
                ? node.reply(parent.get(), text, media) : node.post(text, media));
    }

    @Override
    public Written like(String target) throws ActionException {
        Cid cid = cid(target);
        return write("like", () -> node.like(cid));
    }

    @Override
    public Written unlike(String target) throws ActionException {
        Cid cid = cid(target);
        return write("unlike", () -> node.unlike(cid));
    }

    @Override
    public Written follow(String author) throws ActionException {
        Ed25519PublicKey key = address(author);
        if (key.equals(node.account())) {
            throw ActionException.badRequest("you cannot follow yourself");
        }
        return write("follow", () -> node.follow(key));
    }

    @Override
    public Written unfollow(String author) throws ActionException {
        Ed25519PublicKey key = address(author);
        return write("unfollow", () -> node.unfollow(key));
    }

    @Override
    public Written updateProfile(Optional<String> name, Optional<String> bio, Optional<String> avatar)
            throws ActionException {
        if (name.isEmpty() && bio.isEmpty() && avatar.isEmpty()) {
            throw ActionException.badRequest("nothing to update: give a name, a bio or an avatar");
        }
        Optional<MediaUpload> picture = avatar.isPresent() ? Optional.of(MediaFiles.load(avatar.get())) : Optional.empty();
        if (picture.isPresent() && !picture.get().mime().startsWith("image/")) {
            throw ActionException.badRequest("the avatar must be a PNG, JPEG, GIF, WebP or AVIF image");
        }
        return write("update-profile", () -> node.updateProfile(name, bio, picture));
    }

    @Override
    public FeedPage feed(int limit, Optional<String> before) throws ActionException {
        checkLimit(limit);
        Optional<Cursor> cursor = request(() -> RequestValues.cursor(before));
        SocialReader.Page<PostView> page = read(() -> node.feed(limit, cursor));
        return new FeedPage(PostModel.of(page.items()), page.next().map(Cursor::toString).orElse(null));
    }

    @Override
    public Profile profile(Optional<String> author, int limit) throws ActionException {
        checkLimit(limit);
        Ed25519PublicKey key = author.isPresent() ? address(author.get()) : node.account();
        Optional<ProfileView> view = read(() -> node.reader().profile(key, limit, Optional.empty()));
        if (view.isEmpty()) {
            throw new ActionException(ActionException.Kind.NOT_FOUND, key.equals(node.account())
                    ? "your log is empty so far: post something or set your profile"
                    : "no entries of " + key.address() + " are held here (follow them, or ask again once synced)");
        }
        ProfileView p = view.get();
        return new Profile(AuthorModel.of(p.author()), p.fields().bio().orElse(null), p.entries(), p.postCount(),
                p.following(), p.followers(), PostModel.of(p.posts().items()),
                p.posts().next().map(Cursor::toString).orElse(null));
    }

    @Override
    public Status status() throws ActionException {
        NodeStatus s = node.status();
        int following = read(() -> node.following().size());
        return new Status(node.account().address(), node.peerId().toString(),
                node.addresses().stream().map(Multiaddr::toString).toList(), s.peers(), s.activeView(), s.authors(),
                s.entries(), s.blocks(), s.blockBytes(), following);
    }

    @Override
    public void close() {
        // the node belongs to whoever started it
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface Write {
        LogEntry run() throws StoreException, IOException;
    }

    @FunctionalInterface
    private interface Read<T> {
        T run() throws StoreException;
    }

    @FunctionalInterface
    private interface Parse<T> {
        T run() throws HttpError;
    }

    private static Written write(String action, Write w) throws ActionException {
        try {
            LogEntry e = w.run();
            return new Written(action, e.cid().toString(), e.entry().seq());
        } catch (IllegalArgumentException e) {
            throw ActionException.badRequest(e.getMessage()); // a field over the log's limits
        } catch (StoreException | IOException e) {
            throw new ActionException(ActionException.Kind.FAILED, "could not write the entry: " + e.getMessage());
        }
    }

    private static <T> T read(Read<T> r) throws ActionException {
        try {
            return r.run();
        } catch (StoreException e) {
            throw new ActionException(ActionException.Kind.FAILED, "could not read the store: " + e.getMessage());
        }
    }

    private static <T> T request(Parse<T> p) throws ActionException {
        try {
            return p.run();
        } catch (HttpError e) {
            throw new ActionException(ActionException.Kind.of(e.status()), e.getMessage());
        }
    }

    private static Cid cid(String text) throws ActionException {
        return request(() -> RequestValues.cid(text));
    }

    private static Ed25519PublicKey address(String text) throws ActionException {
        return request(() -> RequestValues.address(text));
    }

    private static void checkLimit(int limit) throws ActionException {
        if (limit < 1 || limit > SocialReader.MAX_PAGE) {
            throw ActionException.badRequest("limit must be from 1 to " + SocialReader.MAX_PAGE);
        }
    }
}
