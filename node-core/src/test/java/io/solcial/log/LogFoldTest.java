package io.solcial.log;

import static io.solcial.log.LogFixtures.T0;
import static io.solcial.log.LogFixtures.clockAt;
import static io.solcial.log.LogFixtures.key;
import static io.solcial.log.LogFixtures.rawCid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogFoldTest {
    private final Ed25519KeyPair me = key(1);
    private final Ed25519KeyPair friend = key(2);
    private final List<LogEntry> log = new ArrayList<>();

    private LogEntry write(Action action, Params params) {
        List<LogEntry> heads = log.isEmpty() ? List.of() : List.of(log.get(log.size() - 1));
        LogEntry e = new EntryWriter(me, clockAt(T0 + log.size())).append(heads, action, params);
        log.add(e);
        return e;
    }

    private ProfileState state() {
        return ProfileState.fold(me.publicKey(), log);
    }

    private Params follow(Ed25519KeyPair who) {
        return Params.builder().address("author", who.publicKey()).build();
    }

    @Test
    void emptyLogFoldsToEmptyState() {
        ProfileState s = state();
        assertTrue(s.posts().isEmpty() && s.heads().isEmpty());
        assertEquals(0, s.seq());
        assertEquals(ProfileFields.EMPTY, s.profile());
    }

    @Test
    void postsAndRepliesAppear() {
        LogEntry post = write(Action.APPEND_FEED_POST, LogFixtures.content(rawCid("c1")));
        LogEntry reply = write(Action.REPLY, Params.builder().cid("content", rawCid("c2")).cid("parent", post.cid())
                .cid("root", post.cid()).build());
        ProfileState s = state();
        assertEquals(new Post(post.cid(), rawCid("c1"), T0), s.posts().get(post.cid()));
        assertEquals(new Reply(reply.cid(), rawCid("c2"), post.cid(), Optional.of(post.cid()), T0 + 1),
                s.replies().get(reply.cid()));
        assertEquals(Set.of(reply.cid()), s.heads());
        assertEquals(2, s.seq());
    }

    @Test
    void deleteHidesPost() {
        LogEntry post = write(Action.APPEND_FEED_POST, LogFixtures.content(rawCid("c1")));
        LogEntry kept = write(Action.APPEND_FEED_POST, LogFixtures.content(rawCid("c2")));
        write(Action.DELETE, LogFixtures.target(post.cid()));
        ProfileState s = state();
        assertEquals(Set.of(kept.cid()), s.posts().keySet());
        assertEquals(Set.of(post.cid()), s.deleted());
    }

    @Test
    void deleteOfAnotherAuthorsEntryIsIgnored() {
        LogEntry theirs = new EntryWriter(friend, clockAt(T0)).append(List.of(), Action.APPEND_FEED_POST,
                LogFixtures.content(rawCid("theirs")));
        LogEntry mine = write(Action.APPEND_FEED_POST, LogFixtures.content(rawCid("mine")));
        write(Action.DELETE, LogFixtures.target(theirs.cid()));
        log.add(theirs);
        ProfileState s = state();
        assertEquals(Set.of(mine.cid()), s.posts().keySet());
        assertTrue(s.deleted().isEmpty());
        ProfileState theirState = ProfileState.fold(friend.publicKey(), log);
        assertEquals(Set.of(theirs.cid()), theirState.posts().keySet());
    }

    @Test
    void deleteOfADeleteIsIgnored() {
        LogEntry post = write(Action.APPEND_FEED_POST, LogFixtures.content(rawCid("c1")));
        LogEntry delete = write(Action.DELETE, LogFixtures.target(post.cid()));
        write(Action.DELETE, LogFixtures.target(delete.cid()));
        assertFalse(state().posts().containsKey(post.cid()));
        assertEquals(Set.of(post.cid()), state().deleted());
    }

    @Test
    void unlikeAfterLikeRemovesAndLikeAgainRestores() {
        Cid target = rawCid("someone's post");
        write(Action.LIKE, LogFixtures.target(target));
        assertEquals(Set.of(target), state().liked());
        write(Action.UNLIKE, LogFixtures.target(target));
        assertTrue(state().liked().isEmpty());
        write(Action.LIKE, LogFixtures.target(target));
        assertEquals(Set.of(target), state().liked());
    }

    @Test
    void unfollowRemovesFollow() {
        Ed25519KeyPair third = key(3);
        write(Action.FOLLOW, follow(friend));
        write(Action.FOLLOW, follow(third));
        write(Action.UNFOLLOW, follow(friend));
        assertEquals(Set.of(third.publicKey()), state().following());
    }

    @Test
    void latestProfileFieldWinsPerField() {
        write(Action.UPDATE_PROFILE, Params.builder().text("name", "Ada").text("bio", "first").build());
        write(Action.UPDATE_PROFILE, Params.builder().text("name", "Ada L.").cid("avatar", rawCid("img")).build());
        assertEquals(new ProfileFields(Optional.of("Ada L."), Optional.of("first"), Optional.of(rawCid("img"))),
                state().profile());
    }

    @Test
    void deletingAProfileUpdateRestoresTheEarlierValue() {
        write(Action.UPDATE_PROFILE, Params.builder().text("name", "Ada").build());
        LogEntry rename = write(Action.UPDATE_PROFILE, Params.builder().text("name", "Oops").build());
        write(Action.DELETE, LogFixtures.target(rename.cid()));
        assertEquals(Optional.of("Ada"), state().profile().name());
    }

    @Test
    void concurrentBranchesApplyBySeqThenCid() {
        LogEntry root = write(Action.APPEND_FEED_POST, LogFixtures.content(rawCid("root")));
        Cid target = rawCid("x");
        LogEntry like = new EntryWriter(me, clockAt(T0 + 5)).append(List.of(root), Action.LIKE,
                LogFixtures.target(target));
        LogEntry unlike = new EntryWriter(me, clockAt(T0 + 1)).append(List.of(root), Action.UNLIKE,
                LogFixtures.target(target));
        log.add(like);
        log.add(unlike);
        boolean likeLast = like.cid().compareTo(unlike.cid()) > 0;
        assertEquals(likeLast, state().liked().contains(target));
        assertEquals(Set.of(like.cid(), unlike.cid()), state().heads());
    }

    @Test
    void duplicatesAreFoldedOnce() {
        LogEntry post = write(Action.APPEND_FEED_POST, LogFixtures.content(rawCid("c1")));
        log.add(post);
        assertEquals(1, state().posts().size());
        assertEquals(1, state().seq());
    }
}
