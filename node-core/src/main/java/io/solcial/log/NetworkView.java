package io.solcial.log;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What many profiles say about each other's entries: like counts (distinct likers) and replies per
 * entry. Targets that their author deleted are left out. Built from folded states, one per author.
 */
public final class NetworkView {
    private static final Comparator<AuthoredReply> REPLY_ORDER = Comparator
            .comparingLong((AuthoredReply r) -> r.reply().timestamp())
            .thenComparing(r -> r.reply().entry());

    private final Map<Cid, Integer> likeCounts;
    private final Map<Cid, List<AuthoredReply>> replies;

    private NetworkView(Map<Cid, Integer> likeCounts, Map<Cid, List<AuthoredReply>> replies) {
        this.likeCounts = likeCounts;
        this.replies = replies;
    }

    /** A reply together with its author. */
    public record AuthoredReply(Ed25519PublicKey author, Reply reply) {
    }

    /** Aggregates {@code states}; each author may appear once. */
    public static NetworkView of(Collection<ProfileState> states) {
        Set<Ed25519PublicKey> authors = new HashSet<>();
        Set<Cid> deleted = new HashSet<>();
        for (ProfileState s : states) {
            if (!authors.add(s.author())) {
                throw new IllegalArgumentException("two states for author " + s.author());
            }
            deleted.addAll(s.deleted());
        }
        Map<Cid, Integer> likes = new TreeMap<>();
        Map<Cid, List<AuthoredReply>> replies = new TreeMap<>();
        for (ProfileState s : states) {
            for (Cid target : s.liked()) {
                if (!deleted.contains(target)) {
                    likes.merge(target, 1, Integer::sum);
                }
            }
            for (Reply r : s.replies().values()) {
                if (!deleted.contains(r.parent())) {
                    replies.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(new AuthoredReply(s.author(), r));
                }
            }
        }
        Map<Cid, List<AuthoredReply>> sorted = new HashMap<>();
        replies.forEach((parent, list) -> {
            list.sort(REPLY_ORDER);
            sorted.put(parent, List.copyOf(list));
        });
        return new NetworkView(Map.copyOf(likes), Map.copyOf(sorted));
    }

    /** How many distinct authors currently like {@code entry}. */
    public int likeCount(Cid entry) {
        return likeCounts.getOrDefault(entry, 0);
    }

    /** Replies whose parent is {@code entry}, oldest first (ties by reply CID). */
    public List<AuthoredReply> replies(Cid entry) {
        return replies.getOrDefault(entry, List.of());
    }

    public int replyCount(Cid entry) {
        return replies(entry).size();
    }

    /** Like counts of every entry liked at least once. */
    public Map<Cid, Integer> likeCounts() {
        return likeCounts;
    }
}
