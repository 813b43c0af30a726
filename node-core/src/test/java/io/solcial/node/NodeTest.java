package io.solcial.node;

import static io.solcial.node.NodeNetwork.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.log.LogEntry;
import io.solcial.net.NettyLeakExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The facade on one or two nodes: writing, reading, persistence, unfollowing, events. */
@ExtendWith(NettyLeakExtension.class)
class NodeTest {
    private final NodeNetwork net = new NodeNetwork();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        net.close();
    }

    @Test
    void whatANodeWroteIsThereAfterARestartWithTheSameDataDirectory() throws Exception {
        Ed25519KeyPair keys = Ed25519KeyPair.generate();
        net.oracle.register(keys.publicKey());
        NodeConfig config = net.config(keys, NodeConfig.Role.USER).withDataDir(dir);
        LogEntry post;
        try (Node n = Node.start(config)) {
            n.updateProfile(Optional.of("Ada"), Optional.empty(), Optional.empty());
            post = n.post("persisted", List.of());
            n.like(post.cid());
        }
        try (Node again = Node.start(config)) {
            PostView seen = again.feed(10, Optional.empty()).items().get(0);
            assertEquals(post.cid(), seen.entry());
            assertEquals("persisted", seen.content().orElseThrow().text());
            assertEquals(Optional.of("Ada"), seen.author().name());
            assertEquals(1, seen.likes());
            LogEntry next = again.post("after restart", List.of());
            assertEquals(4, next.seq(), "the log continues where it stopped");
            assertTrue(again.blockstore().isPinned(post.cid()), "the own log stays pinned");
        }
    }

    @Test
    void aSecondNodeOnTheSameDataDirectoryIsRefusedClearly() throws Exception {
        Ed25519KeyPair keys = Ed25519KeyPair.generate();
        NodeConfig config = net.config(keys, NodeConfig.Role.USER).withDataDir(dir);
        try (Node n = Node.start(config)) {
            StoreException e = assertThrows(StoreException.class, () -> Node.start(config));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void repliesLikesAndThreadsAcrossTwoNodes() throws Exception {
        Node b = net.start(NodeConfig.Role.USER);
        Node a = net.follower(b);
        b.follow(a.account());
        LogEntry post = b.post("a thread", List.of());
        assertTrue(await(() -> thread(a, post).isPresent(), Duration.ofSeconds(10)));
        LogEntry reply = a.reply(post.cid(), "a reply", List.of());
        a.like(post.cid());

        assertTrue(await(() -> thread(b, post).map(t -> t.replies().size() == 1 && t.post().likes() == 1)
                .orElse(false), Duration.ofSeconds(10)), "B sees A's reply and like");
        ThreadView t = thread(b, post).orElseThrow();
        assertEquals(reply.cid(), t.replies().get(0).entry());
        assertEquals(Optional.of(post.cid()), t.replies().get(0).parent());
        assertEquals(Optional.of(post.cid()), t.replies().get(0).root());
        assertEquals("a reply", t.replies().get(0).content().orElseThrow().text());
        assertEquals(2, b.feed(10, Optional.empty()).items().size(), "B's feed: its post and A's reply");
    }

    private static boolean pinned(Node n, io.solcial.multiformats.Cid cid) {
        try {
            return n.blockstore().isPinned(cid);
        } catch (StoreException e) {
            return false;
        }
    }

    private static long blocks(Node n) {
        try {
            return n.blockstore().count();
        } catch (StoreException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Optional<ThreadView> thread(Node n, LogEntry e) {
        try {
            return n.reader().thread(e.cid());
        } catch (StoreException x) {
            return Optional.empty();
        }
    }

    @Test
    void unfollowingDropsTheAuthorsLogAndFreesItsBlocks() throws Exception {
        Node b = net.start(NodeConfig.Role.USER);
        Node a = net.start(NodeConfig.Role.USER, c -> c.withBootstrap(b.addresses()));
        a.joined().get(10, TimeUnit.SECONDS);
        List<NodeEvent> events = new ArrayList<>();
        a.onEvent(e -> {
            synchronized (events) {
                events.add(e);
            }
        });
        a.follow(b.account());
        LogEntry post = b.post("soon gone", List.of(MediaUpload.of(new byte[300_000], "image/png", "x.png")));
        assertTrue(await(() -> pinned(a, post.cid()) && thread(a, post).flatMap(t -> t.post().content()).isPresent()
                && blocks(a) >= 6, Duration.ofSeconds(10)), "B's post, its content and picture are held");
        synchronized (events) {
            assertTrue(events.stream().anyMatch(e -> e instanceof NodeEvent.EntriesAdded x && !x.own()
                    && x.author().equals(b.account())), "an event for B's entries");
        }
        long before = a.blockstore().count();

        a.unfollow(b.account());

        assertTrue(await(() -> blocks(a) < before - 1, Duration.ofSeconds(10)),
                "B's blocks were collected");
        assertFalse(pinned(a, post.cid()));
        assertFalse(a.reader().thread(post.cid()).isPresent());
        assertTrue(a.reader().profile(b.account(), 10, Optional.empty()).isEmpty());
    }
}
