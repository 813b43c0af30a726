package io.solcial.log;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds a log into a {@link ProfileState}. Entries apply in a deterministic topological order,
 * by seq then by entry CID bytes, so concurrent branches (two devices, one key) give the same state
 * whatever order they arrived in. Deletes are resolved first, as a set: a delete whose target is
 * another entry of this log (not itself a delete) removes that entry from the fold entirely; a
 * delete of anything else is ignored. Deletions cannot be undone.
 */
final class LogFold {
    static final Comparator<LogEntry> ORDER =
            Comparator.comparingLong(LogEntry::seq).thenComparing(LogEntry::cid);

    private LogFold() {
    }

    static ProfileState fold(Ed25519PublicKey author, Collection<LogEntry> entries) {
        Map<Cid, LogEntry> own = new TreeMap<>();
        for (LogEntry e : entries) {
            if (e.entry().author().equals(author)) {
                own.put(e.cid(), e);
            }
        }
        List<LogEntry> ordered = new ArrayList<>(own.values());
        ordered.sort(ORDER);
        TreeSet<Cid> deleted = deletedEntries(own);
        Set<Cid> referenced = new HashSet<>();
        Builder state = new Builder();
        long seq = 0;
        for (LogEntry e : ordered) {
            referenced.addAll(e.entry().prev());
            seq = Math.max(seq, e.seq());
            if (!deleted.contains(e.cid())) {
                state.apply(e);
            }
        }
        TreeSet<Cid> heads = new TreeSet<>(own.keySet());
        heads.removeAll(referenced);
        return new ProfileState(author, state.posts, state.replies, state.liked, state.following, state.profile,
                deleted, heads, seq);
    }

    private static TreeSet<Cid> deletedEntries(Map<Cid, LogEntry> own) {
        TreeSet<Cid> deleted = new TreeSet<>();
        for (LogEntry e : own.values()) {
            if (e.entry().action() == Action.DELETE) {
                Cid target = e.entry().params().requireCid("target");
                LogEntry victim = own.get(target);
                if (victim != null && victim.entry().action() != Action.DELETE) {
                    deleted.add(target);
                }
            }
        }
        return deleted;
    }

    /** The mutable state while folding. */
    private static final class Builder {
        final TreeMap<Cid, Post> posts = new TreeMap<>();
        final TreeMap<Cid, Reply> replies = new TreeMap<>();
        final TreeSet<Cid> liked = new TreeSet<>();
        final Set<Ed25519PublicKey> following = new TreeSet<>(ProfileState.KEY_ORDER);
        ProfileFields profile = ProfileFields.EMPTY;

        void apply(LogEntry e) {
            Entry entry = e.entry();
            Params p = entry.params();
            switch (entry.action()) {
                case APPEND_FEED_POST -> posts.put(e.cid(), new Post(e.cid(), p.requireCid("content"), entry.timestamp()));
                case REPLY -> replies.put(e.cid(), new Reply(e.cid(), p.requireCid("content"), p.requireCid("parent"),
                        p.cid("root"), entry.timestamp()));
                case LIKE -> liked.add(p.requireCid("target"));
                case UNLIKE -> liked.remove(p.requireCid("target"));
                case FOLLOW -> following.add(Ed25519PublicKey.fromAddress(p.requireText("author")));
                case UNFOLLOW -> following.remove(Ed25519PublicKey.fromAddress(p.requireText("author")));
                case UPDATE_PROFILE -> profile = profile.update(p);
                case DELETE -> {
                    // resolved before the fold, in deletedEntries
                }
            }
        }
    }
}
