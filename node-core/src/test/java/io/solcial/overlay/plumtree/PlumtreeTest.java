package io.solcial.overlay.plumtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Bytes;
import io.solcial.overlay.Topic;
import io.solcial.overlay.plumtree.ManualEnvironment.Sent;
import io.solcial.overlay.plumtree.PayloadValidator.Validation;
import io.solcial.overlay.plumtree.PlumtreeMessage.Announcement;
import io.solcial.overlay.plumtree.PlumtreeMessage.Gossip;
import io.solcial.overlay.plumtree.PlumtreeMessage.Graft;
import io.solcial.overlay.plumtree.PlumtreeMessage.IHave;
import io.solcial.overlay.plumtree.PlumtreeMessage.Prune;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlumtreeTest {
    private static final Topic TOPIC = Topic.PUBLIC;
    private final PeerId self = TestPeers.peer(0);
    private final PeerId a = TestPeers.peer(1);
    private final PeerId b = TestPeers.peer(2);
    private final PeerId c = TestPeers.peer(3);
    private final ManualEnvironment env = new ManualEnvironment();
    private final RecordingListener listener = new RecordingListener();
    private Plumtree tree = newTree(PlumtreeConfig.defaults(), PayloadValidator.acceptAll());

    private Plumtree newTree(PlumtreeConfig config, PayloadValidator validator) {
        return new Plumtree(self, TOPIC, config, env, validator, listener);
    }

    private static Bytes payload(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Gossip gossip(String text, int round) {
        Bytes p = payload(text);
        return new Gossip(TOPIC, MessageId.of(p), round, p);
    }

    private static IHave ihave(MessageId id, int round) {
        return new IHave(TOPIC, List.of(new Announcement(id, round)));
    }

    private void neighbours(PeerId... peers) {
        for (PeerId p : peers) {
            tree.neighborUp(p);
        }
    }

    /** Makes {@code peer} lazy the way the protocol does: it sends a PRUNE. */
    private void prunedBy(PeerId peer) {
        tree.receive(peer, new Prune(TOPIC));
    }

    @Test
    void newNeighboursStartEagerAndLeaveBothSetsWhenDown() {
        neighbours(a, b);
        assertEquals(Set.of(a, b), tree.eagerPeers());
        prunedBy(b);
        assertEquals(Set.of(b), tree.lazyPeers());
        tree.neighborDown(a);
        tree.neighborDown(b);
        assertEquals(Set.of(), tree.eagerPeers());
        assertEquals(Set.of(), tree.lazyPeers());
    }

    @Test
    void broadcastDeliversLocallyAndPushesToEagerPeersAndAnnouncesToLazyOnes() {
        neighbours(a, b);
        prunedBy(b);
        MessageId id = tree.broadcast(payload("hello"));

        assertEquals(1, listener.deliveries.size());
        Delivery d = listener.deliveries.get(0);
        assertEquals(new Delivery(TOPIC, id, payload("hello"), 0, self), d);
        assertEquals(List.of(new Sent(a, new Gossip(TOPIC, id, 1, payload("hello")), env.nowMillis())), env.drain());

        env.advance(Duration.ofMillis(499));
        assertEquals(List.of(), env.drain());
        env.advance(Duration.ofMillis(1));
        List<Sent> sent = env.drain();
        assertEquals(List.of(new Sent(b, ihave(id, 1), env.nowMillis())), sent);
    }

    @Test
    void firstGossipIsDeliveredOnceWithItsHopsAndForwardedToOthers() {
        neighbours(a, b, c);
        prunedBy(c);
        Gossip g = gossip("post", 3);
        tree.receive(a, g);
        tree.receive(a, g);

        assertEquals(List.of(new Delivery(TOPIC, g.id(), g.payload(), 3, a)), listener.deliveries);
        List<Sent> sent = env.drain();
        assertEquals(new Sent(b, new Gossip(TOPIC, g.id(), 4, g.payload()), env.nowMillis()), sent.get(0));
        env.advance(Duration.ofMillis(500));
        assertEquals(List.of(new Sent(c, ihave(g.id(), 4), env.nowMillis())), env.drain());
    }

    @Test
    void duplicateGossipMakesItsSenderLazyWithAPrune() {
        neighbours(a, b);
        Gossip g = gossip("post", 2);
        tree.receive(a, g);
        env.drain();
        tree.receive(b, g);

        assertEquals(1, listener.deliveries.size());
        assertEquals(List.of(new Sent(b, new Prune(TOPIC), env.nowMillis())), env.drain());
        assertEquals(Set.of(a), tree.eagerPeers());
        assertEquals(Set.of(b), tree.lazyPeers());
        assertEquals(1, tree.stats().duplicatesReceived());
    }

    @Test
    void missingIdIsGraftedFromFirstAnnouncerAfterOneSecondThenFromTheNextAfterHalfASecond() {
        neighbours(a, b, c);
        prunedBy(a);
        prunedBy(b);
        MessageId id = gossip("missing", 1).id();
        tree.receive(a, ihave(id, 2));
        env.advance(Duration.ofMillis(300));
        tree.receive(b, ihave(id, 5));

        env.advance(Duration.ofMillis(699));
        assertEquals(List.of(), env.drain());
        env.advance(Duration.ofMillis(1));
        assertEquals(List.of(new Sent(a, new Graft(TOPIC, Optional.of(id), 2), env.nowMillis())), env.drain());
        assertTrue(tree.eagerPeers().contains(a));

        env.advance(Duration.ofMillis(499));
        assertEquals(List.of(), env.drain());
        env.advance(Duration.ofMillis(1));
        assertEquals(List.of(new Sent(b, new Graft(TOPIC, Optional.of(id), 5), env.nowMillis())), env.drain());
        assertTrue(tree.eagerPeers().contains(b));

        env.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), env.drain());
        assertEquals(0, tree.missingMessages());
        assertEquals(0, env.pendingTimers());
    }

    @Test
    void messageArrivingBeforeTheTimeoutCancelsTheGraft() {
        neighbours(a, b);
        prunedBy(b);
        Gossip g = gossip("late", 3);
        tree.receive(b, ihave(g.id(), 2));
        env.advance(Duration.ofMillis(900));
        tree.receive(a, g);
        env.drain();
        env.advance(Duration.ofSeconds(3));
        assertTrue(env.drain().stream().noneMatch(s -> s.message() instanceof Graft));
        assertEquals(0, env.pendingTimers());
    }

    @Test
    void graftMakesSenderEagerAndReturnsTheCachedMessage() {
        neighbours(a, b);
        Gossip g = gossip("cached", 2);
        tree.receive(a, g);
        prunedBy(b);
        env.drain();

        tree.receive(b, new Graft(TOPIC, Optional.of(g.id()), 3));
        assertEquals(List.of(new Sent(b, new Gossip(TOPIC, g.id(), 3, g.payload()), env.nowMillis())), env.drain());
        assertTrue(tree.eagerPeers().contains(b));

        prunedBy(b);
        tree.receive(b, new Graft(TOPIC, Optional.of(gossip("never seen", 1).id()), 3));
        assertEquals(List.of(), env.drain());
        assertTrue(tree.eagerPeers().contains(b));
    }

    @Test
    void aLinkThePeerJustGraftedSurvivesDuplicatesForTwoSecondsThenPrunesAsUsual() {
        neighbours(a, b);
        prunedBy(b);
        // b re-parents onto us (tree optimisation: a GRAFT without id)
        tree.receive(b, new Graft(TOPIC, Optional.empty(), 2));
        assertEquals(Set.of(a, b), tree.eagerPeers());
        Gossip inFlight = gossip("sent along the old paths", 4);
        tree.receive(a, inFlight);
        env.drain();
        env.advance(Duration.ofMillis(1_999));
        // b got it along its old path too and forwards it on the new link: kept, no PRUNE
        tree.receive(b, new Gossip(TOPIC, inFlight.id(), 6, inFlight.payload()));
        assertTrue(env.drain().stream().noneMatch(s -> s.message() instanceof Prune));
        assertEquals(Set.of(a, b), tree.eagerPeers());

        env.advance(Duration.ofMillis(1));
        Gossip later = gossip("a cycle the graft closed", 3);
        tree.receive(a, later);
        env.drain();
        tree.receive(b, new Gossip(TOPIC, later.id(), 5, later.payload()));
        assertEquals(List.of(new Sent(b, new Prune(TOPIC), env.nowMillis())), env.drain());
        assertEquals(Set.of(b), tree.lazyPeers());
        assertEquals(2, tree.stats().duplicatesReceived());
    }

    @Test
    void neighborDownDropsItsPendingAnnouncementsAndQueuedIHaves() {
        neighbours(a, b);
        prunedBy(a);
        prunedBy(b);
        MessageId id = gossip("announced", 1).id();
        tree.receive(a, ihave(id, 1));
        tree.broadcast(payload("mine"));
        tree.neighborDown(a);
        tree.neighborDown(b);

        env.advance(Duration.ofSeconds(3));
        assertEquals(List.of(), env.drain());
        assertEquals(0, tree.missingMessages());
    }

    @Test
    void controlMessagesFromNonNeighboursAreIgnoredButTheirGossipIsDelivered() {
        neighbours(a);
        Gossip g = gossip("from afar", 4);
        tree.receive(b, new Graft(TOPIC, Optional.empty(), 1));
        tree.receive(b, ihave(gossip("x", 1).id(), 1));
        tree.receive(b, g);
        assertEquals(Set.of(a), tree.eagerPeers());
        assertEquals(1, listener.deliveries.size());
        assertEquals(0, tree.missingMessages());
    }

    @Test
    void invalidPayloadIsNeitherDeliveredNorForwardedAndItsSenderIsReported() {
        tree = newTree(PlumtreeConfig.defaults(), p -> p.length() > 3 ? new Validation.Invalid("too long") : Validation.VALID);
        neighbours(a, b, c);
        prunedBy(c);
        Gossip bad = gossip("forged entry", 1);
        tree.receive(a, bad);
        tree.receive(b, bad);
        env.advance(Duration.ofSeconds(1));

        assertEquals(List.of(), listener.deliveries);
        assertEquals(List.of(), env.drain());
        assertEquals(
                List.of(new Misbehaviour(TOPIC, a, bad.id(), "too long"),
                        new Misbehaviour(TOPIC, b, bad.id(), "forwarded a message that failed validation")),
                listener.misbehaviours);
        assertEquals(2, tree.stats().invalidReceived());

        tree.receive(c, ihave(bad.id(), 1));
        env.advance(Duration.ofSeconds(3));
        assertEquals(List.of(), env.drain());

        tree.receive(a, gossip("ok", 1));
        assertEquals(1, listener.deliveries.size());
    }

    @Test
    void gossipWhoseIdDoesNotMatchItsPayloadIsReported() {
        neighbours(a, b);
        Gossip real = gossip("real", 1);
        Gossip forged = new Gossip(TOPIC, real.id(), 1, payload("forged"));
        tree.receive(a, forged);
        assertEquals(List.of(), listener.deliveries);
        assertEquals(a, listener.misbehaviours.get(0).peer());
        tree.receive(b, real);
        assertEquals(List.of(new Delivery(TOPIC, real.id(), real.payload(), 1, b)), listener.deliveries);
    }

    @Test
    void ihavesToAPeerAreBatchedAndNeverCloserThanTheInterval() {
        neighbours(a, b);
        prunedBy(b);
        long last = env.nowMillis() - 10_000;
        int ids = 0;
        for (int i = 0; i < 40; i++) {
            tree.broadcast(payload("m" + i));
            env.advance(Duration.ofMillis(70));
            for (Sent s : env.drain()) {
                if (s.message() instanceof IHave h) {
                    assertEquals(b, s.to());
                    assertTrue(s.atMillis() - last >= 500, "IHAVEs " + (s.atMillis() - last) + " ms apart");
                    last = s.atMillis();
                    ids += h.announcements().size();
                }
            }
        }
        env.advance(Duration.ofSeconds(1));
        ids += env.drain().stream().mapToInt(s -> ((IHave) s.message()).announcements().size()).sum();
        assertEquals(40, ids);
        assertTrue(tree.stats().ihaveSent() <= 40 * 70 / 500 + 1, "IHAVE messages: " + tree.stats().ihaveSent());
    }

    @Test
    void anIdALazyPeerAnnouncedIsNotAnnouncedBackToIt() {
        neighbours(a, b, c);
        prunedBy(b);
        prunedBy(c);
        Gossip g = gossip("post", 3);
        tree.receive(a, g);
        env.drain();
        tree.receive(b, ihave(g.id(), 5));
        env.advance(Duration.ofMillis(500));
        assertEquals(List.of(new Sent(c, ihave(g.id(), 4), env.nowMillis())), env.drain());
    }

    /** Runs one exchange on {@code t}, prefetching before each message and timer when asked. */
    private static void exchange(Plumtree t, ManualEnvironment e, boolean prefetch, PeerId... peers) {
        for (PeerId p : peers) {
            t.neighborUp(p);
        }
        t.receive(peers[1], new Prune(TOPIC));
        Gossip g = gossip("post", 3);
        Gossip other = gossip("other", 2);
        List<PlumtreeMessage> inbox = List.of(g, ihave(g.id(), 5), ihave(other.id(), 1), g);
        PeerId[] from = {peers[0], peers[1], peers[1], peers[2]};
        for (int i = 0; i < inbox.size(); i++) {
            if (prefetch) {
                t.prefetch(inbox.get(i));
                t.prefetch(null);
            }
            t.receive(from[i], inbox.get(i));
            e.advance(Duration.ofMillis(300));
        }
        if (prefetch) {
            t.prefetch(null);
        }
        e.advance(Duration.ofSeconds(2));
    }

    @Test
    void prefetchingChangesNothingAndWarmsTheEnvironmentOnlyWhenTheTreeWillSend() {
        ManualEnvironment plainEnv = new ManualEnvironment();
        RecordingListener plainListener = new RecordingListener();
        Plumtree plain = new Plumtree(self, TOPIC, PlumtreeConfig.defaults(), plainEnv, PayloadValidator.acceptAll(),
                plainListener);
        exchange(plain, plainEnv, false, a, b, c);
        exchange(tree, env, true, a, b, c);
        assertEquals(plainEnv.drain(), env.drain(), "the same messages at the same times");
        assertEquals(plainListener.deliveries, listener.deliveries);
        assertEquals(plain.stats(), tree.stats());
        assertEquals(0, plainEnv.prefetches);

        int before = env.prefetches;
        tree.prefetch(ihave(gossip("x", 1).id(), 1));
        assertEquals(before, env.prefetches, "an IHAVE sends nothing at once");
        tree.prefetch(gossip("x", 1));
        tree.prefetch(null);
        assertEquals(before + 2, env.prefetches, "a first copy is pushed on, a timer flushes");
    }

    /**
     * Makes {@link #tree} one whose latest id lives in a shared table, as in the simulator, with
     * {@code a} eager and {@code b}, {@code c} lazy; returns the table.
     */
    private LatestMessages onSharedTableWithTwoLazyPeers() {
        LatestMessages table = new LatestMessages();
        tree = new Plumtree(self, TOPIC, PlumtreeConfig.defaults(), env, PayloadValidator.acceptAll(), listener, table);
        neighbours(a, b, c);
        prunedBy(b);
        prunedBy(c);
        return table;
    }

    @Test
    void anAnnouncementTheSharedTableDeferredTrimsTheFlushAsIfItHadArrived() {
        LatestMessages table = onSharedTableWithTwoLazyPeers();
        Gossip g = gossip("post", 9);
        tree.receive(a, g);
        env.drain();
        int slot = tree.latestSlot();
        assertEquals(LatestMessages.HANDED_ON, table.takeIHave(slot, ihave(g.id(), 5), c, env.nowMillis()),
                "a path short enough to re-parent");
        assertEquals(LatestMessages.DEFERRED_SENDER, table.takeIHave(slot, ihave(g.id(), 6), b, env.nowMillis()));
        env.advance(Duration.ofMillis(500));
        // what anIdALazyPeerAnnouncedIsNotAnnouncedBackToIt gets with the IHAVE handed to the tree
        assertEquals(List.of(new Sent(c, ihave(g.id(), 10), env.nowMillis())), env.drain());
        assertEquals(0, table.deferredCount(slot));
        assertEquals(LatestMessages.ABSORBED, table.takeIHave(slot, ihave(g.id(), 6), b, env.nowMillis()),
                "nothing waits any more");
    }

    @Test
    void aDeferredAnnouncementIsAppliedBeforeANewIdAndNeighbourChangesDoNotDisturbIt() {
        LatestMessages table = onSharedTableWithTwoLazyPeers();
        Gossip first = gossip("first", 9);
        tree.receive(a, first);
        int slot = tree.latestSlot();
        assertEquals(LatestMessages.DEFERRED_SENDER, table.takeIHave(slot, ihave(first.id(), 9), b, env.nowMillis()));
        Gossip second = gossip("second", 9);
        tree.receive(a, second);
        assertEquals(second.id(), table.latestId(slot));
        assertEquals(LatestMessages.DEFERRED_SENDER, table.takeIHave(slot, ihave(second.id(), 9), c, env.nowMillis()));
        tree.neighborDown(c);
        tree.neighborUp(c);
        env.drain();
        env.advance(Duration.ofMillis(500));
        // b announced the first id, c the second before it went down (its queue went with it)
        IHave toB = new IHave(TOPIC, List.of(new Announcement(second.id(), 10)));
        assertEquals(List.of(new Sent(b, toB, env.nowMillis())), env.drain());
        assertEquals(0, table.deferredCount(slot));
    }

    @Test
    void treeOptimisationWhenTheLazyAnnouncementCameFirst() {
        neighbours(a, b);
        prunedBy(b);
        Gossip g = gossip("far", 6);
        tree.receive(b, ihave(g.id(), 2));
        tree.receive(a, g);

        List<Sent> sent = env.drain();
        assertTrue(sent.contains(new Sent(b, new Graft(TOPIC, Optional.empty(), 2), env.nowMillis())), sent.toString());
        assertTrue(sent.contains(new Sent(a, new Prune(TOPIC), env.nowMillis())), sent.toString());
        assertEquals(Set.of(b), tree.eagerPeers());
        assertEquals(Set.of(a), tree.lazyPeers());
        assertEquals(1, tree.stats().optimizations());
    }

    @Test
    void treeOptimisationDoesNotPushTheMessageToTheAnnouncerItGrafts() {
        neighbours(a, b, c);
        prunedBy(b);
        Gossip g = gossip("far", 6);
        tree.receive(b, ihave(g.id(), 2));
        tree.receive(a, g);

        // the message goes on to the other eager peer only; b announced it, so it has it: a full copy
        // would be a duplicate, and b would prune the link just grafted (a, the old parent, is pruned too)
        List<Sent> sent = env.drain();
        List<PeerId> gossipedTo = sent.stream().filter(s -> s.message() instanceof Gossip).map(Sent::to).toList();
        assertEquals(List.of(c), gossipedTo, sent.toString());
        assertTrue(sent.contains(new Sent(b, new Graft(TOPIC, Optional.empty(), 2), env.nowMillis())), sent.toString());
        assertTrue(sent.contains(new Sent(a, new Prune(TOPIC), env.nowMillis())), sent.toString());
        assertEquals(Set.of(b, c), tree.eagerPeers());
        // the next message, through the new parent, goes on to c and gets no PRUNE back to b
        Gossip next = gossip("next", 3);
        tree.receive(b, next);
        assertEquals(List.of(new Sent(c, new Gossip(TOPIC, next.id(), 4, next.payload()), env.nowMillis())), env.drain());
        assertEquals(Set.of(b, c), tree.eagerPeers());
        assertEquals(0, tree.stats().duplicatesReceived());
    }

    @Test
    void duplicateFromTheLinkThatReplacedAPrunedParentKeepsItEager() {
        neighbours(a, b);
        prunedBy(b);
        Gossip first = gossip("first", 3);
        tree.receive(a, first);
        // a later message shows b's path 4+ hops shorter: b replaces the parent a
        Gossip far = gossip("far", 9);
        tree.receive(a, far);
        tree.receive(b, ihave(far.id(), 2));
        assertEquals(Set.of(b), tree.eagerPeers());
        env.drain();
        // b, now eager, forwards the first message too: a duplicate, but its first path (a) is gone
        tree.receive(b, new Gossip(TOPIC, first.id(), 5, first.payload()));

        assertTrue(env.drain().stream().noneMatch(s -> s.message() instanceof Prune));
        assertEquals(Set.of(b), tree.eagerPeers());
        assertEquals(1, tree.stats().duplicatesReceived());
        // a duplicate of a message whose first path is still eager prunes as usual
        tree.receive(a, new Gossip(TOPIC, far.id(), 9, far.payload()));
        assertEquals(List.of(new Sent(a, new Prune(TOPIC), env.nowMillis())), env.drain());
    }

    @Test
    void noTreeOptimisationOnALateAnnouncementWhileAnotherIdIsMissing() {
        neighbours(a, b, c);
        prunedBy(b);
        prunedBy(c);
        Gossip far = gossip("far", 9);
        tree.receive(a, far);
        Gossip other = gossip("other", 3);
        tree.receive(c, ihave(other.id(), 3));
        tree.receive(b, ihave(far.id(), 2));
        assertEquals(Set.of(a), tree.eagerPeers());
        assertEquals(0, tree.stats().optimizations());
        // once nothing is missing, the same late announcement re-parents
        tree.receive(c, other);
        tree.receive(b, ihave(far.id(), 2));
        assertEquals(1, tree.stats().optimizations());
        assertTrue(tree.eagerPeers().contains(b));
    }

    @Test
    void aLateAnnouncementReParentsOnceAndTheNewHopCountHoldsForTheNextAnnouncer() {
        neighbours(a, b, c);
        prunedBy(b);
        prunedBy(c);
        Gossip g = gossip("far", 9);
        tree.receive(a, g);
        tree.receive(b, ihave(g.id(), 2));
        assertEquals(Set.of(b), tree.eagerPeers(), "b's path is 7 hops shorter: re-parented");
        env.drain();
        // c offers the same 2 hops: no longer 4 shorter than the 2 this node now counts
        tree.receive(c, ihave(g.id(), 2));
        assertEquals(Set.of(b), tree.eagerPeers());
        assertEquals(1, tree.stats().optimizations());
        assertTrue(env.drain().stream().noneMatch(s -> s.message() instanceof Graft || s.message() instanceof Prune));
    }

    @Test
    void anAnnouncementOfTheLastMessageAfterItIsForgottenIsANewIdAgain() {
        PlumtreeConfig d = PlumtreeConfig.defaults();
        PlumtreeConfig shortMemory = new PlumtreeConfig(d.ihaveInterval(), d.graftTimeout(), d.secondGraftTimeout(),
                d.optimizationThreshold(), Duration.ofSeconds(10), d.cacheMaxMessages(), d.cacheMaxBytes(),
                Duration.ofSeconds(20), d.seenMaxIds(), d.maxMissingIds(), d.maxAnnouncersPerId(),
                d.maxQueuedIhavesPerPeer());
        tree = newTree(shortMemory, PayloadValidator.acceptAll());
        neighbours(a, b);
        prunedBy(b);
        Gossip g = gossip("old news", 3);
        tree.receive(a, g);
        env.advance(Duration.ofMillis(19_999));
        tree.receive(b, ihave(g.id(), 1));
        assertEquals(0, tree.missingMessages(), "still remembered: nothing to ask for");
        env.advance(Duration.ofMillis(1));
        tree.receive(b, ihave(g.id(), 1));
        assertEquals(1, tree.missingMessages(), "forgotten after the seen TTL: announced ids are asked for again");
        env.drain();
        env.advance(Duration.ofSeconds(1));
        assertEquals(List.of(new Sent(b, new Graft(TOPIC, Optional.of(g.id()), 1), env.nowMillis())), env.drain());
    }

    @Test
    void noTreeOptimisationBelowTheThreshold() {
        neighbours(a, b);
        prunedBy(b);
        Gossip g = gossip("near", 5);
        tree.receive(a, g);
        tree.receive(b, ihave(g.id(), 2));
        env.advance(Duration.ofSeconds(2));
        assertTrue(env.drain().stream().noneMatch(s -> s.message() instanceof Graft || s.message() instanceof Prune));
        assertEquals(Set.of(a), tree.eagerPeers());
        assertEquals(0, tree.stats().optimizations());
    }

    @Test
    void messageCacheIsBoundedInCountAndExpiresAfterItsTtl() {
        PlumtreeConfig d = PlumtreeConfig.defaults();
        PlumtreeConfig small = new PlumtreeConfig(d.ihaveInterval(), d.graftTimeout(), d.secondGraftTimeout(),
                d.optimizationThreshold(), Duration.ofSeconds(10), 5, d.cacheMaxBytes(), Duration.ofSeconds(20), 8,
                d.maxMissingIds(), d.maxAnnouncersPerId(), d.maxQueuedIhavesPerPeer());
        tree = newTree(small, PayloadValidator.acceptAll());
        neighbours(a);
        MessageId first = tree.broadcast(payload("m0"));
        for (int i = 1; i < 20; i++) {
            tree.broadcast(payload("m" + i));
        }
        assertEquals(5, tree.cachedMessages());
        assertEquals(8, tree.seenMessages());
        env.drain();
        tree.receive(a, new Graft(TOPIC, Optional.of(first), 1));
        assertEquals(List.of(), env.drain());

        env.advance(Duration.ofSeconds(10));
        assertEquals(0, tree.cachedMessages());
        assertEquals(8, tree.seenMessages());
        env.advance(Duration.ofSeconds(10));
        assertEquals(0, tree.seenMessages());
    }

    @Test
    void cacheIsBoundedInBytes() {
        PlumtreeConfig d = PlumtreeConfig.defaults();
        PlumtreeConfig small = new PlumtreeConfig(d.ihaveInterval(), d.graftTimeout(), d.secondGraftTimeout(),
                d.optimizationThreshold(), d.cacheTtl(), 1000, PlumtreeConstants.MAX_PAYLOAD_LENGTH * 2L, d.seenTtl(),
                1000, d.maxMissingIds(), d.maxAnnouncersPerId(), d.maxQueuedIhavesPerPeer());
        tree = newTree(small, PayloadValidator.acceptAll());
        for (int i = 0; i < 5; i++) {
            byte[] big = new byte[PlumtreeConstants.MAX_PAYLOAD_LENGTH];
            big[0] = (byte) i;
            tree.broadcast(Bytes.of(big));
        }
        assertEquals(2, tree.cachedMessages());
        assertEquals(5, tree.seenMessages());
    }

    @Test
    void missingIdsAndTheirAnnouncersAreBounded() {
        PlumtreeConfig d = PlumtreeConfig.defaults();
        PlumtreeConfig small = new PlumtreeConfig(d.ihaveInterval(), d.graftTimeout(), d.secondGraftTimeout(),
                d.optimizationThreshold(), d.cacheTtl(), d.cacheMaxMessages(), d.cacheMaxBytes(), d.seenTtl(),
                d.seenMaxIds(), 3, 1, d.maxQueuedIhavesPerPeer());
        tree = newTree(small, PayloadValidator.acceptAll());
        neighbours(a, b);
        prunedBy(a);
        prunedBy(b);
        for (int i = 0; i < 10; i++) {
            MessageId id = gossip("fake" + i, 1).id();
            tree.receive(a, ihave(id, 1));
            tree.receive(b, ihave(id, 1));
        }
        assertEquals(3, tree.missingMessages());
        env.advance(Duration.ofSeconds(10));
        List<Sent> grafts = env.drain();
        assertEquals(3, grafts.size());
        assertTrue(grafts.stream().allMatch(s -> s.to().equals(a) && s.message() instanceof Graft));
        assertEquals(0, env.pendingTimers());
    }

    @Test
    void rebroadcastOfTheSamePayloadIsNotSentAgain() {
        neighbours(a);
        MessageId id = tree.broadcast(payload("once"));
        assertEquals(id, tree.broadcast(payload("once")));
        assertEquals(1, env.drain().size());
        assertEquals(1, listener.deliveries.size());
    }

    @Test
    void messagesOfAnotherTopicAreIgnored() {
        neighbours(a);
        Bytes p = payload("other");
        tree.receive(a, new Gossip(Topic.CONTENT, MessageId.of(p), 1, p));
        assertEquals(List.of(), listener.deliveries);
    }

    @Test
    void stopCancelsEveryTimer() {
        neighbours(a, b);
        prunedBy(b);
        tree.receive(b, ihave(gossip("x", 1).id(), 1));
        tree.broadcast(payload("y"));
        tree.stop();
        assertEquals(0, env.pendingTimers());
    }
}
