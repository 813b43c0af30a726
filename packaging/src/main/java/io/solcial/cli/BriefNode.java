package io.solcial.cli;

import io.solcial.beacon.gateway.model.PostModel;
import io.solcial.cli.control.ActionException;
import io.solcial.cli.control.ControlFile;
import io.solcial.cli.control.ControlModels.FeedPage;
import io.solcial.cli.control.ControlModels.Profile;
import io.solcial.cli.control.ControlModels.Status;
import io.solcial.cli.control.ControlModels.Written;
import io.solcial.cli.control.NodeActions;
import io.solcial.cli.control.UserActions;
import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.log.LogEntry;
import io.solcial.node.Node;
import io.solcial.node.NodeConfig;
import io.solcial.node.NodeEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The user's node started for one command when none runs: joins through the bootstrap peers,
 * brings the logs it reads up to date first, and after a write waits (bounded) until a peer holds
 * the new entry and wants nothing more from us, so that it is out before the node stops.
 */
final class BriefNode implements UserActions {
    private static final Duration POLL = Duration.ofMillis(250);
    /** A peer holding the entry with no blocks wanted from us, this many polls in a row: its content is out too. */
    private static final int QUIET_POLLS = 2;

    private final Node node;
    private final NodeActions actions;
    private final Duration timeout;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, LogEntry> written = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;

    private BriefNode(Node node, Duration timeout, PrintWriter out, PrintWriter err) {
        this.node = node;
        this.actions = new NodeActions(node);
        this.timeout = timeout;
        this.out = out;
        this.err = err;
        this.subscription = node.onEvent(e -> {
            if (e instanceof NodeEvent.EntriesAdded added && added.own()) {
                added.entries().forEach(entry -> written.put(entry.cid().toString(), entry));
            }
        });
    }

    /** Starts the node in {@code config}'s data directory (refused while another process runs it) and joins. */
    static BriefNode start(NodeConfig config, Duration timeout, PrintWriter out, PrintWriter err)
            throws StoreException, IOException, InterruptedException {
        Node node = Node.start(config);
        BriefNode brief = new BriefNode(node, timeout, out, err);
        try {
            ControlFile.delete(config.dataDir().orElseThrow()); // we hold the directory: whoever wrote it is gone
            brief.join(config);
            return brief;
        } catch (IOException | RuntimeException | InterruptedException e) {
            brief.close();
            throw e;
        }
    }

    private void join(NodeConfig config) throws InterruptedException {
        if (config.bootstrap().isEmpty()) {
            err.println("note: no bootstrap peers (--bootstrap, or bootstrap= in " + UserNodeOptions.SETTINGS_FILE
                    + "): working offline");
            return;
        }
        try {
            node.joined().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof TimeoutException ? "no answer within " + timeout.toSeconds() + " s"
                    : String.valueOf(e.getCause().getMessage());
            err.println("warning: could not join the network (" + why + "); working offline");
        }
    }

    // ---------------------------------------------------------------- writes: then wait until they are out

    @Override
    public Written post(String text, List<String> images, Optional<String> replyTo) throws ActionException {
        return settle(actions.post(text, images, replyTo));
    }

    @Override
    public Written like(String target) throws ActionException {
        return settle(actions.like(target));
    }

    @Override
    public Written unlike(String target) throws ActionException {
        return settle(actions.unlike(target));
    }

    @Override
    public Written follow(String author) throws ActionException {
        Written w = settle(actions.follow(author));
        syncLogs(List.of(Ed25519PublicKey.fromAddress(author)));
        return w;
    }

    @Override
    public Written unfollow(String author) throws ActionException {
        return settle(actions.unfollow(author));
    }

    @Override
    public Written updateProfile(Optional<String> name, Optional<String> bio, Optional<String> avatar)
            throws ActionException {
        return settle(actions.updateProfile(name, bio, avatar));
    }

    private Written settle(Written w) throws ActionException {
        LogEntry entry = written.get(w.entry());
        if (entry == null || node.connectedPeers().isEmpty()) {
            err.println("note: stored here; no peer is connected, so it goes out when this node next reaches one");
            return w;
        }
        long end = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        try {
            while (System.nanoTime() < end) {
                Set<PeerId> holders = node.peersHolding(entry);
                quiet = !holders.isEmpty() && node.blocksWantedByPeers() == 0 ? quiet + 1 : 0;
                if (quiet >= QUIET_POLLS) {
                    out.println("replicated: held by " + holders.size() + (holders.size() == 1 ? " peer" : " peers"));
                    return w;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("warning: no peer confirmed holding it within " + timeout.toSeconds()
                + " s; it is stored here and goes out when this node next reaches a peer");
        return w;
    }

    // ---------------------------------------------------------------- reads: sync first

    @Override
    public FeedPage feed(int limit, Optional<String> before) throws ActionException {
        try {
            syncLogs(node.following());
        } catch (StoreException e) {
            throw new ActionException(ActionException.Kind.FAILED, "cannot read your follows: " + e.getMessage());
        }
        return withContent(() -> actions.feed(limit, before), FeedPage::posts);
    }

    @Override
    public Profile profile(Optional<String> author, int limit) throws ActionException {
        if (author.isPresent()) {
            try {
                syncLogs(List.of(Ed25519PublicKey.fromAddress(author.get())));
            } catch (IllegalArgumentException e) {
                // not an address: the node's check below says so
            }
        }
        return withContent(() -> actions.profile(author, limit), Profile::posts);
    }

    @Override
    public Status status() throws ActionException {
        return actions.status();
    }

    /** Syncs these logs from connected peers, waiting at most the timeout. */
    private void syncLogs(Collection<Ed25519PublicKey> authors) {
        if (authors.isEmpty() || node.connectedPeers().isEmpty()) {
            return;
        }
        CompletableFuture<?>[] rounds = authors.stream().map(node::sync).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(rounds).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            err.println("warning: still syncing after " + timeout.toSeconds() + " s; showing what is held so far");
        } catch (ExecutionException e) {
            err.println("warning: sync failed (" + e.getCause().getMessage() + "); showing what is held");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T get() throws ActionException;
    }

    /** Reads until every post's content (fetched after its entry) is held, or the timeout. */
    private <T> T withContent(Read<T> read, java.util.function.Function<T, List<PostModel>> posts) throws ActionException {
        long end = System.nanoTime() + timeout.toNanos();
        T page = read.get();
        while (!node.connectedPeers().isEmpty() && posts.apply(page).stream().anyMatch(p -> p.text() == null)
                && System.nanoTime() < end) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            page = read.get();
        }
        return page;
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // a listener removal cannot fail
        }
        node.close();
    }
}
