package io.solcial.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.log.LogEntry;
import io.solcial.net.NettyLeakExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a short-lived node (the CLI's brief mode) relies on: sync futures and "who holds my entry". */
@ExtendWith(NettyLeakExtension.class)
class SyncRequestTest {
    private final NodeNetwork net = new NodeNetwork();

    @AfterEach
    void close() {
        net.close();
    }

    @Test
    void everySyncRequestCompletesOnlyAfterARoundThatTookIt() throws Exception {
        Node author = net.start(NodeConfig.Role.USER);
        for (int i = 0; i < 60; i++) {
            author.post("entry " + i, List.of());
        }
        Node reader = net.start(NodeConfig.Role.USER, c -> c.withBootstrap(author.addresses()));
        reader.joined().get(10, TimeUnit.SECONDS);
        reader.follow(author.account());
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(reader.sync(author.account())); // the later ones arrive while the first round runs
        }
        for (CompletableFuture<Void> r : requests) {
            r.get(30, TimeUnit.SECONDS);
            assertEquals(60, reader.reader().profile(author.account(), 1, java.util.Optional.empty()).orElseThrow().entries(),
                    "a completed request has the whole log");
        }
    }

    @Test
    void peersHoldingNamesThePeersThatHaveAnEntry() throws Exception {
        Node beacon = net.start(NodeConfig.Role.BEACON);
        Node user = net.start(NodeConfig.Role.USER, c -> c.withBootstrap(beacon.addresses()));
        Node stranger = net.start(NodeConfig.Role.USER, c -> c.withBootstrap(beacon.addresses()));
        user.joined().get(10, TimeUnit.SECONDS);
        stranger.joined().get(10, TimeUnit.SECONDS);
        user.connect(stranger.addresses().get(0)).get(10, TimeUnit.SECONDS);
        LogEntry post = user.post("who has this?", List.of());
        assertTrue(NodeNetwork.await(() -> {
            try {
                return user.peersHolding(post).equals(Set.of(beacon.peerId()));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, java.time.Duration.ofSeconds(10)), "the beacon holds it; the stranger (not following) does not");
        assertEquals(0, user.blocksWantedByPeers());
    }
}
