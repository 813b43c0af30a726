package io.solcial.beacon.gateway;

import io.solcial.content.Block;
import io.solcial.content.BlockFormatException;
import io.solcial.content.Blockstore;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.ImportedFile;
import io.solcial.content.MemoryBlockstore;
import io.solcial.content.StoreException;
import io.solcial.content.UnixFsImporter;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.log.Action;
import io.solcial.log.Entry;
import io.solcial.log.EntryCodec;
import io.solcial.log.EntryWriter;
import io.solcial.log.LogEntry;
import io.solcial.log.NetworkView;
import io.solcial.log.Params;
import io.solcial.log.Post;
import io.solcial.log.PostContent;
import io.solcial.log.PostContentCodec;
import io.solcial.log.ProfileState;
import io.solcial.log.Reply;
import io.solcial.log.UnsignedEntry;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Cid;
import io.solcial.node.AuthorSummary;
import io.solcial.node.Cursor;
import io.solcial.node.NodeStatus;
import io.solcial.node.PostView;
import io.solcial.node.ProfileView;
import io.solcial.node.SocialReader;
import io.solcial.node.ThreadView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link SocialReader} over real signed logs: authors write entries with
 * {@link EntryWriter}, post content and media are real blocks in a {@link MemoryBlockstore}, and
 * every read folds the logs ({@link ProfileState}, {@link NetworkView}) as a node would. The
 * entries are written one minute apart from {@link #T0}. The blocks go to a {@link MemoryBlockstore}
 * unless another store is given (the gateway benchmark uses the node's H2 store).
 */
public final class FixtureNetwork implements SocialReader {
    public static final long T0 = 1_700_000_000_000L;
    private static final Comparator<PostView> NEWEST_FIRST =
            Comparator.comparingLong(PostView::timestamp).thenComparing(PostView::entry).reversed();

    private final Blockstore blocks;
    private final Map<Ed25519PublicKey, List<LogEntry>> logs = new LinkedHashMap<>();
    private long minute;

    public FixtureNetwork() {
        this(new MemoryBlockstore());
    }

    public FixtureNetwork(Blockstore blocks) {
        this.blocks = blocks;
    }

    /** Every author's entries in the order written (each log closed under prev). */
    public Map<Ed25519PublicKey, List<LogEntry>> logs() {
        return Collections.unmodifiableMap(logs);
    }

    /** A deterministic key (the seed is 32 bytes of {@code fill}). */
    public static Ed25519KeyPair key(int fill) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) fill);
        return Ed25519KeyPair.fromSeed(seed);
    }

    /** A clock at the time of the last entry written plus {@code minutes}. */
    public Clock clockAfter(long minutes) {
        return Clock.fixed(Instant.ofEpochMilli(T0 + (minute + minutes) * 60_000), ZoneId.of("UTC"));
    }

    public LogEntry profile(Ed25519KeyPair who, String name, String bio, Optional<Cid> avatar) {
        Params.Builder p = Params.builder().text("name", name).text("bio", bio);
        avatar.ifPresent(a -> p.cid("avatar", a));
        return write(who, Action.UPDATE_PROFILE, p.build());
    }

    public LogEntry post(Ed25519KeyPair who, String text, PostContent.Media... media) {
        return write(who, Action.APPEND_FEED_POST, Params.builder().cid("content", content(text, media)).build());
    }

    public LogEntry reply(Ed25519KeyPair who, LogEntry parent, String text) {
        return write(who, Action.REPLY, Params.builder().cid("content", content(text))
                .cid("parent", parent.cid()).build());
    }

    public LogEntry like(Ed25519KeyPair who, LogEntry target) {
        return write(who, Action.LIKE, Params.builder().cid("target", target.cid()).build());
    }

    public LogEntry follow(Ed25519KeyPair who, Ed25519KeyPair whom) {
        return write(who, Action.FOLLOW, Params.builder().address("author", whom.publicKey()).build());
    }

    /** Imports a file (e.g. an image) as UnixFS in 1 KiB chunks (small DAGs for tests) and returns its root. */
    public Cid file(byte[] bytes) {
        return file(bytes, 1024);
    }

    /** Imports a file as UnixFS in {@code chunkSize}-byte leaves and returns its root. */
    public Cid file(byte[] bytes, int chunkSize) {
        try {
            ImportedFile file = new UnixFsImporter(blocks, chunkSize, UnixFsImporter.DEFAULT_MAX_LINKS)
                    .importStream(new ByteArrayInputStream(bytes));
            return file.root();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a lying beacon would serve: a post shown as {@code victim}'s but signed by
     * {@code forger}. Its block hashes to its CID; only the signature is wrong.
     */
    public LogEntry forge(Ed25519KeyPair victim, Ed25519KeyPair forger, String text) {
        UnsignedEntry body = new UnsignedEntry(victim.publicKey(), List.of(), 1, Action.APPEND_FEED_POST,
                T0 + (++minute) * 60_000, Params.builder().cid("content", content(text)).build());
        Entry forged = new Entry(body.author(), body.prev(), body.seq(), body.action(), body.timestamp(),
                body.params(), Bytes.of(forger.sign(body.signingBytes())));
        return store(victim.publicKey(), forged);
    }

    private Cid content(String text, PostContent.Media... media) {
        Block block = PostContentCodec.encode(new PostContent(text, List.of(media)));
        put(block);
        return block.cid();
    }

    private LogEntry write(Ed25519KeyPair who, Action action, Params params) {
        List<LogEntry> log = logs.computeIfAbsent(who.publicKey(), k -> new ArrayList<>());
        Clock at = Clock.fixed(Instant.ofEpochMilli(T0 + (++minute) * 60_000), ZoneId.of("UTC"));
        List<LogEntry> heads = log.isEmpty() ? List.of() : List.of(log.get(log.size() - 1));
        return store(who.publicKey(), new EntryWriter(who, at).append(heads, action, params).entry());
    }

    private LogEntry store(Ed25519PublicKey author, Entry entry) {
        Block block = EntryCodec.encode(entry);
        put(block);
        LogEntry logEntry = new LogEntry(block.cid(), entry);
        logs.computeIfAbsent(author, k -> new ArrayList<>()).add(logEntry);
        return logEntry;
    }

    private void put(Block block) {
        try {
            blocks.put(block);
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- SocialReader ---

    private List<ProfileState> states() {
        return logs.entrySet().stream().map(e -> ProfileState.fold(e.getKey(), e.getValue())).toList();
    }

    @Override
    public Page<PostView> recentPosts(int limit, Optional<Cursor> before) {
        List<ProfileState> states = states();
        NetworkView view = NetworkView.of(states);
        List<PostView> all = new ArrayList<>();
        for (ProfileState s : states) {
            for (Post p : s.posts().values()) {
                all.add(postView(s, view, p.entry(), p.content(), p.timestamp(), Optional.empty(), Optional.empty()));
            }
        }
        return page(all, limit, before);
    }

    @Override
    public Optional<ProfileView> profile(Ed25519PublicKey author, int limit, Optional<Cursor> before) {
        List<ProfileState> states = states();
        NetworkView view = NetworkView.of(states);
        Optional<ProfileState> state = states.stream().filter(s -> s.author().equals(author)).findFirst();
        if (state.isEmpty()) {
            return Optional.empty();
        }
        ProfileState s = state.get();
        List<PostView> posts = s.posts().values().stream().map(p -> postView(s, view, p.entry(), p.content(),
                p.timestamp(), Optional.empty(), Optional.empty())).toList();
        int followers = (int) states.stream().filter(o -> o.following().contains(author)).count();
        return Optional.of(new ProfileView(summary(s), s.profile(), logs.get(author).size(), s.posts().size(),
                s.following().size(), followers, page(posts, limit, before)));
    }

    @Override
    public Optional<ThreadView> thread(Cid entry) {
        List<ProfileState> states = states();
        NetworkView view = NetworkView.of(states);
        for (ProfileState s : states) {
            Post post = s.posts().get(entry);
            Reply reply = s.replies().get(entry);
            PostView found = post != null
                    ? postView(s, view, post.entry(), post.content(), post.timestamp(), Optional.empty(), Optional.empty())
                    : reply != null ? replyView(s, view, reply) : null;
            if (found != null) {
                List<PostView> replies = view.replies(entry).stream().map(r -> replyView(
                        states.stream().filter(o -> o.author().equals(r.author())).findFirst().orElseThrow(),
                        view, r.reply())).toList();
                return Optional.of(new ThreadView(found, replies));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Block> block(Cid cid) throws StoreException {
        try {
            return blocks.get(cid);
        } catch (CorruptBlockException e) {
            throw new StoreException("corrupt block " + cid, e);
        }
    }

    @Override
    public NodeStatus status() {
        try {
            return new NodeStatus(3, 2, 5, logs.size(), logs.values().stream().mapToLong(List::size).sum(),
                    blocks.count(), blocks.sizeBytes(), 1);
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private PostView replyView(ProfileState s, NetworkView view, Reply r) {
        return postView(s, view, r.entry(), r.content(), r.timestamp(), Optional.of(r.parent()), r.root());
    }

    private PostView postView(ProfileState s, NetworkView view, Cid entry, Cid content, long timestamp,
            Optional<Cid> parent, Optional<Cid> root) {
        Block entryBlock = held(entry).orElseThrow();
        Optional<Block> contentBlock = held(content);
        Optional<PostContent> decoded = contentBlock.map(b -> {
            try {
                return PostContentCodec.decode(b);
            } catch (BlockFormatException e) {
                throw new IllegalStateException(e);
            }
        });
        return new PostView(entry, entryBlock, summary(s), timestamp, decoded, contentBlock, parent, root,
                view.likeCount(entry), view.replyCount(entry));
    }

    private Optional<Block> held(Cid cid) {
        try {
            return blocks.get(cid);
        } catch (StoreException | CorruptBlockException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuthorSummary summary(ProfileState s) {
        return new AuthorSummary(s.author(), s.profile().name(), s.profile().avatar());
    }

    private static Page<PostView> page(List<PostView> all, int limit, Optional<Cursor> before) {
        List<PostView> sorted = all.stream().sorted(NEWEST_FIRST)
                .filter(p -> before.isEmpty() || older(p, before.get())).toList();
        List<PostView> items = sorted.subList(0, Math.min(limit, sorted.size()));
        Optional<Cursor> next = sorted.size() > limit ? Optional.of(items.get(items.size() - 1).cursor()) : Optional.empty();
        return new Page<>(items, next);
    }

    private static boolean older(PostView p, Cursor c) {
        return p.timestamp() < c.timestamp() || (p.timestamp() == c.timestamp() && p.entry().compareTo(c.entry()) < 0);
    }
}
