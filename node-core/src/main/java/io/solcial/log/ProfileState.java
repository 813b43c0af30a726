package io.solcial.log;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state of one profile: the sum of its author's entries, folded by {@link LogFold}.
 *
 * @param posts     live posts by entry CID (deleted ones left out)
 * @param replies   live replies by entry CID
 * @param liked     entry CIDs the author currently likes
 * @param following authors currently followed
 * @param deleted   the author's own entries that a delete entry removed
 * @param heads     entries no other entry of the log names as prev
 * @param seq       the largest seq in the log (0 when empty)
 */
public record ProfileState(Ed25519PublicKey author, SortedMap<Cid, Post> posts, SortedMap<Cid, Reply> replies,
                           SortedSet<Cid> liked, Set<Ed25519PublicKey> following, ProfileFields profile,
                           SortedSet<Cid> deleted, SortedSet<Cid> heads, long seq) {

    static final Comparator<Ed25519PublicKey> KEY_ORDER = Comparator.comparing(Ed25519PublicKey::raw);

    public ProfileState {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(profile, "profile");
        posts = Collections.unmodifiableSortedMap(new TreeMap<>(posts));
        replies = Collections.unmodifiableSortedMap(new TreeMap<>(replies));
        liked = Collections.unmodifiableSortedSet(new TreeSet<>(liked));
        TreeSet<Ed25519PublicKey> sortedFollowing = new TreeSet<>(KEY_ORDER);
        sortedFollowing.addAll(following);
        following = Collections.unmodifiableSet(sortedFollowing);
        deleted = Collections.unmodifiableSortedSet(new TreeSet<>(deleted));
        heads = Collections.unmodifiableSortedSet(new TreeSet<>(heads));
    }

    /** Folds {@code author}'s entries (in any order; other authors' entries are ignored). */
    public static ProfileState fold(Ed25519PublicKey author, Collection<LogEntry> entries) {
        return LogFold.fold(author, entries);
    }
}
