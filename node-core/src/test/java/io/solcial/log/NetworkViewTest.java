package io.solcial.log;

import static io.solcial.log.LogFixtures.T0;
import static io.solcial.log.LogFixtures.clockAt;
import static io.solcial.log.LogFixtures.key;
import static io.solcial.log.LogFixtures.rawCid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solcial.identity.Ed25519KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkViewTest {
    private final Ed25519KeyPair alice = key(1);
    private final Ed25519KeyPair bob = key(2);
    private final Ed25519KeyPair carol = key(3);

    private static final class Log {
        final Ed25519KeyPair keys;
        final List<LogEntry> entries = new ArrayList<>();

        Log(Ed25519KeyPair keys) {
            this.keys = keys;
        }

        LogEntry write(long t, Action action, Params params) {
            List<LogEntry> heads = entries.isEmpty() ? List.of() : List.of(entries.get(entries.size() - 1));
            LogEntry e = new EntryWriter(keys, clockAt(t)).append(heads, action, params);
            entries.add(e);
            return e;
        }

        ProfileState state() {
            return ProfileState.fold(keys.publicKey(), entries);
        }
    }

    @Test
    void countsDistinctLikersAndRepliesPerPost() {
        Log a = new Log(alice);
        Log b = new Log(bob);
        Log c = new Log(carol);
        LogEntry post = a.write(T0, Action.APPEND_FEED_POST, LogFixtures.content(rawCid("hello")));
        b.write(T0 + 1, Action.LIKE, LogFixtures.target(post.cid()));
        b.write(T0 + 2, Action.LIKE, LogFixtures.target(post.cid()));
        c.write(T0 + 1, Action.LIKE, LogFixtures.target(post.cid()));
        c.write(T0 + 2, Action.UNLIKE, LogFixtures.target(post.cid()));
        c.write(T0 + 3, Action.LIKE, LogFixtures.target(post.cid()));
        LogEntry r2 = c.write(T0 + 9, Action.REPLY, Params.builder().cid("content", rawCid("r2"))
                .cid("parent", post.cid()).build());
        LogEntry r1 = b.write(T0 + 5, Action.REPLY, Params.builder().cid("content", rawCid("r1"))
                .cid("parent", post.cid()).build());
        NetworkView view = NetworkView.of(List.of(a.state(), b.state(), c.state()));
        assertEquals(2, view.likeCount(post.cid()));
        assertEquals(List.of(r1.cid(), r2.cid()), view.replies(post.cid()).stream().map(r -> r.reply().entry()).toList());
        assertEquals(bob.publicKey(), view.replies(post.cid()).get(0).author());
        assertEquals(0, view.likeCount(rawCid("nothing")));
    }

    @Test
    void deletedPostsLoseLikesAndReplies() {
        Log a = new Log(alice);
        Log b = new Log(bob);
        LogEntry post = a.write(T0, Action.APPEND_FEED_POST, LogFixtures.content(rawCid("hello")));
        b.write(T0 + 1, Action.LIKE, LogFixtures.target(post.cid()));
        b.write(T0 + 2, Action.REPLY, Params.builder().cid("content", rawCid("r")).cid("parent", post.cid()).build());
        a.write(T0 + 3, Action.DELETE, LogFixtures.target(post.cid()));
        NetworkView view = NetworkView.of(List.of(a.state(), b.state()));
        assertEquals(0, view.likeCount(post.cid()));
        assertEquals(0, view.replyCount(post.cid()));
    }

    @Test
    void refusesTwoStatesOfOneAuthor() {
        Log a = new Log(alice);
        assertThrows(IllegalArgumentException.class, () -> NetworkView.of(List.of(a.state(), a.state())));
    }
}
