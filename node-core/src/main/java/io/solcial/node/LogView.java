package io.solcial.node;

import io.solcial.content.Block;
import io.solcial.content.BlockFormatException;
import io.solcial.content.Blockstore;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.log.LogEntry;
import io.solcial.log.LogStore;
import io.solcial.log.NetworkView;
import io.solcial.log.Post;
import io.solcial.log.PostContent;
import io.solcial.log.PostContentCodec;
import io.solcial.log.ProfileState;
import io.solcial.log.Reply;
import io.solcial.multiformats.Cid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link SocialReader} over a node's {@link LogStore} and blockstore. Each author's log is folded
 * once and kept until new entries of that author arrive ({@link #invalidate}); the cross-author view
 * (likes, replies, the recent-posts order) is rebuilt lazily after any change.
 */
public final class LogView implements SocialReader {
    private static final Comparator<Item> NEWEST_FIRST = Comparator.comparingLong(Item::timestamp)
            .thenComparing(Item::entry).reversed();

    /** A post or reply in the global order, with the author whose state holds it. */
    private record Item(Ed25519PublicKey author, Cid entry, Cid content, long timestamp, Optional<Cid> parent,
            Optional<Cid> root) {
        Cursor cursor() {
            return new Cursor(timestamp, entry);
        }

        boolean before(Optional<Cursor> c) {
            return c.isEmpty() || timestamp < c.get().timestamp()
                    || (timestamp == c.get().timestamp() && entry.compareTo(c.get().entry()) < 0);
        }
    }

    private final LogStore log;
    private final Blockstore blocks;
    private final Supplier<NodeStatus> status;
    /** Entries and post content (at most 32 KiB each), 16 MiB in all. */
    private final BlockCache cache = new BlockCache(16L * 1024 * 1024, 32 * 1024);
    private final Map<Ed25519PublicKey, ProfileState> states = new HashMap<>();
    private final Set<Ed25519PublicKey> dirty = new HashSet<>();
    private boolean loaded;
    private NetworkView network;
    private List<Item> posts;
    private Map<Cid, Item> byEntry;

    public LogView(LogStore log, Blockstore blocks, Supplier<NodeStatus> status) {
        this.log = log;
        this.blocks = blocks;
        this.status = status;
    }

    /** New entries of {@code author} were stored (or the author was forgotten). */
    public synchronized void invalidate(Ed25519PublicKey author) {
        dirty.add(author);
        network = null;
    }

    /** The folded state of {@code author}'s log (empty state when none is held). */
    public synchronized ProfileState state(Ed25519PublicKey author) throws StoreException {
        refresh();
        ProfileState s = states.get(author);
        return s != null ? s : ProfileState.fold(author, List.of());
    }

    @Override
    public synchronized Page<PostView> recentPosts(int limit, Optional<Cursor> before) throws StoreException {
        return page(i -> i.parent().isEmpty(), limit, before);
    }

    /** Newest posts and replies by any of {@code authors}: a user's feed. */
    public synchronized Page<PostView> feed(Set<Ed25519PublicKey> authors, int limit, Optional<Cursor> before)
            throws StoreException {
        return page(i -> authors.contains(i.author()), limit, before);
    }

    @Override
    public synchronized Optional<ProfileView> profile(Ed25519PublicKey author, int limit, Optional<Cursor> before)
            throws StoreException {
        refresh();
        ProfileState s = states.get(author);
        if (s == null) {
            return Optional.empty();
        }
        int followers = (int) states.values().stream().filter(o -> o.following().contains(author)).count();
        Page<PostView> page = page(i -> i.author().equals(author) && i.parent().isEmpty(), limit, before);
        return Optional.of(new ProfileView(summary(author), s.profile(), log.count(author), s.posts().size(),
                s.following().size(), followers, page));
    }

    @Override
    public synchronized Optional<ThreadView> thread(Cid entry) throws StoreException {
        refresh();
        Item item = byEntry.get(entry);
        if (item == null) {
            return Optional.empty();
        }
        List<PostView> replies = new ArrayList<>();
        for (NetworkView.AuthoredReply r : network.replies(entry)) {
            Item reply = byEntry.get(r.reply().entry());
            if (reply != null) {
                replies.add(view(reply));
            }
        }
        return Optional.of(new ThreadView(view(item), replies));
    }

    @Override
    public Optional<Block> block(Cid cid) throws StoreException {
        Optional<Block> cached = cache.get(cid);
        if (cached.isPresent()) {
            return cached;
        }
        try {
            Optional<Block> b = blocks.get(cid);
            b.ifPresent(cache::put);
            return b;
        } catch (CorruptBlockException e) {
            throw new StoreException("block " + cid + " is corrupt in the store: " + e.getMessage(), e);
        }
    }

    @Override
    public NodeStatus status() {
        return status.get();
    }

    private Page<PostView> page(Predicate<Item> filter, int limit, Optional<Cursor> before) throws StoreException {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE);
        }
        refresh();
        List<PostView> out = new ArrayList<>();
        Item last = null;
        boolean more = false;
        for (Item i : posts) {
            if (!i.before(before) || !filter.test(i)) {
                continue;
            }
            if (out.size() == limit) {
                more = true;
                break;
            }
            out.add(view(i));
            last = i;
        }
        return new Page<>(out, more ? Optional.of(last.cursor()) : Optional.empty());
    }

    private void refresh() throws StoreException {
        if (!loaded) {
            dirty.addAll(log.authors());
            loaded = true;
        }
        if (network != null && dirty.isEmpty()) {
            return;
        }
        for (Ed25519PublicKey author : dirty) {
            List<LogEntry> entries = log.entries(author);
            if (entries.isEmpty()) {
                states.remove(author);
            } else {
                states.put(author, ProfileState.fold(author, entries));
            }
        }
        dirty.clear();
        network = NetworkView.of(states.values());
        List<Item> all = new ArrayList<>();
        for (ProfileState s : states.values()) {
            for (Post p : s.posts().values()) {
                all.add(new Item(s.author(), p.entry(), p.content(), p.timestamp(), Optional.empty(), Optional.empty()));
            }
            for (Reply r : s.replies().values()) {
                all.add(new Item(s.author(), r.entry(), r.content(), r.timestamp(), Optional.of(r.parent()), r.root()));
            }
        }
        all.sort(NEWEST_FIRST);
        posts = all;
        byEntry = new HashMap<>();
        all.forEach(i -> byEntry.put(i.entry(), i));
    }

    private PostView view(Item i) throws StoreException {
        Block entryBlock = block(i.entry()).orElseThrow(
                () -> new StoreException("entry " + i.entry() + " is indexed but its block is missing"));
        Optional<Block> contentBlock = block(i.content());
        Optional<PostContent> content = Optional.empty();
        if (contentBlock.isPresent()) {
            try {
                content = Optional.of(PostContentCodec.decode(contentBlock.get()));
            } catch (BlockFormatException e) {
                contentBlock = Optional.empty(); // a signed entry naming malformed content: shown without it
            }
        }
        return new PostView(i.entry(), entryBlock, summary(i.author()), i.timestamp(), content, contentBlock,
                i.parent(), i.root(), network.likeCount(i.entry()), network.replyCount(i.entry()));
    }

    private AuthorSummary summary(Ed25519PublicKey author) {
        ProfileState s = states.get(author);
        return s == null ? new AuthorSummary(author, Optional.empty(), Optional.empty())
                : new AuthorSummary(author, s.profile().name(), s.profile().avatar());
    }
}
