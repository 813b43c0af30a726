package io.solcial.node;

import io.solcial.content.Block;
import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import java.util.List;
import java.util.Optional;

/**
 * What a node knows of the network, as readers see it: posts, profiles and threads folded from
 * the logs it holds, and the raw blocks behind them. The web gateway, the JSON API and the desktop
 * client read through this port. Results are snapshots; lists are newest first.
 */
public interface SocialReader {

    /** Posts and replies are listed at most this many per page. */
    int MAX_PAGE = 100;

    /** Newest top-level posts (not replies) across every author this node holds. */
    Page<PostView> recentPosts(int limit, Optional<Cursor> before) throws StoreException;

    /** An author's profile and newest posts; empty when the node holds no entry of theirs. */
    Optional<ProfileView> profile(Ed25519PublicKey author, int limit, Optional<Cursor> before) throws StoreException;

    /** A post or reply (by entry CID) with its direct replies, oldest first; empty if unknown or deleted. */
    Optional<ThreadView> thread(Cid entry) throws StoreException;

    /** Any block the node holds (entries, post content, media, anything pinned), verified against its CID. */
    Optional<Block> block(Cid cid) throws StoreException;

    /** Counters for {@code /metrics} and status pages. */
    NodeStatus status();

    /** A page of results and the cursor for the next one (empty on the last page). */
    record Page<T>(List<T> items, Optional<Cursor> next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
