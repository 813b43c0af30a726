package io.solcial.exchange.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.log.LogEntry;
import io.solcial.net.NettyLeakExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakExtension.class)
class LogSyncTest {
    private final List<SyncPeer> peers = new ArrayList<>();

    @AfterEach
    void close() {
        peers.forEach(SyncPeer::close);
    }

    private SyncPeer peer() throws Exception {
        SyncPeer p = new SyncPeer();
        peers.add(p);
        return p;
    }

    @Test
    void syncsALogLongerThanOneListingPageWithProgress() throws Exception {
        Ed25519KeyPair author = Ed25519KeyPair.generate();
        SyncPeer seeder = peer();
        SyncPeer reader = peer();
        int n = SyncCodec.MAX_ENTRIES + 500;
        seeder.write(author, List.of(), n);
        reader.host.connect(seeder.address()).get(10, TimeUnit.SECONDS);

        List<SyncProgress> progress = new ArrayList<>();
        LogSync.Result r = reader.sync.syncFrom(seeder.host.peerId(), author.publicKey(), progress::add);

        assertEquals(n, r.added());
        assertEquals(n, reader.log.count(author.publicKey()));
        assertEquals(seeder.heads(author), reader.heads(author));
        assertEquals(n, progress.size());
        assertEquals(n, progress.get(n - 1).fetched());
        assertEquals(n, progress.get(n - 1).known());
        // a second sync finds nothing new and asks for nothing
        assertEquals(0, reader.sync.syncFrom(seeder.host.peerId(), author.publicKey(), p -> { }).added());
    }

    @Test
    void catchesUpFromWhatItHasAndFollowsPrevLinksOutsideTheListing() throws Exception {
        Ed25519KeyPair author = Ed25519KeyPair.generate();
        SyncPeer seeder = peer();
        SyncPeer reader = peer();
        LogEntry base = seeder.write(author, List.of(), 10);
        // the reader already holds the first 10; then two devices fork at seq 11 and the seeder merges them
        reader.write(author, List.of(), 0);
        for (LogEntry e : seeder.log.entries(author.publicKey())) {
            reader.log.add(e, seeder.blocks.get(e.cid()).orElseThrow());
        }
        LogEntry left = seeder.write(author, List.of(base), 3);
        LogEntry right = seeder.write(author, List.of(base), 5);
        seeder.write(author, List.of(left, right), 2);
        reader.host.connect(seeder.address()).get(10, TimeUnit.SECONDS);

        LogSync.Result r = reader.sync.syncFrom(seeder.host.peerId(), author.publicKey(), p -> { });

        assertEquals(3 + 5 + 2, r.added());
        assertEquals(seeder.log.count(author.publicKey()), reader.log.count(author.publicKey()));
        assertEquals(seeder.heads(author), reader.heads(author));
    }

    @Test
    void anEntryOfAnotherAuthorInTheListingIsTheSeedersFault() throws Exception {
        Ed25519KeyPair author = Ed25519KeyPair.generate();
        Ed25519KeyPair other = Ed25519KeyPair.generate();
        SyncPeer seeder = peer();
        SyncPeer reader = peer();
        LogEntry foreign = seeder.write(other, List.of(), 1);
        seeder.host.addProtocol(io.solcial.net.RequestResponse.server("/solcial/sync/1.0.0", 128,
                (peer, req) -> java.util.concurrent.CompletableFuture.completedFuture(SyncCodec.encode(
                        new HeadResponse(List.of(foreign.cid()), 1, 1, List.of(foreign.cid()), false)))));
        reader.host.connect(seeder.address()).get(10, TimeUnit.SECONDS);

        SyncException e = assertThrows(SyncException.class,
                () -> reader.sync.syncFrom(seeder.host.peerId(), author.publicKey(), p -> { }));

        assertEquals(SyncException.Kind.INVALID_ENTRY, e.kind());
        assertEquals(seeder.host.peerId(), e.seeder());
        assertTrue(e.getMessage().contains("AUTHOR_MISMATCH"), e.getMessage());
        assertEquals(0, reader.log.count(author.publicKey()));
    }

    @Test
    void aMalformedHeadResponseEndsTheSyncWithoutBlamingAnEntry() throws Exception {
        Ed25519KeyPair author = Ed25519KeyPair.generate();
        SyncPeer seeder = peer();
        SyncPeer reader = peer();
        seeder.host.addProtocol(io.solcial.net.RequestResponse.server(SyncCodec.PROTOCOL_ID, 128,
                (peer, req) -> java.util.concurrent.CompletableFuture.completedFuture(new byte[] {(byte) 0xff, 0x01, 0x02})));
        reader.host.connect(seeder.address()).get(10, TimeUnit.SECONDS);

        SyncException e = assertThrows(SyncException.class,
                () -> reader.sync.syncFrom(seeder.host.peerId(), author.publicKey(), p -> { }));

        assertEquals(SyncException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("bad HEAD response"), e.getMessage());
        assertTrue(reader.host.connection(seeder.host.peerId()).isPresent(), "the connection stays");
    }

    @Test
    void aSeederThatKeepsSayingMoreWithoutMovingOnCannotKeepTheSyncGoing() throws Exception {
        Ed25519KeyPair author = Ed25519KeyPair.generate();
        SyncPeer seeder = peer();
        SyncPeer reader = peer();
        LogEntry first = seeder.write(author, List.of(), 1);
        reader.log.add(first, seeder.blocks.get(first.cid()).orElseThrow());
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        seeder.host.addProtocol(io.solcial.net.RequestResponse.server(SyncCodec.PROTOCOL_ID, 128, (peer, req) -> {
            asked.incrementAndGet();
            return java.util.concurrent.CompletableFuture.completedFuture(SyncCodec.encode(
                    new HeadResponse(List.of(first.cid()), 1, 1, List.of(first.cid()), true)));
        }));
        reader.host.connect(seeder.address()).get(10, TimeUnit.SECONDS);

        LogSync.Result r = reader.sync.syncFrom(seeder.host.peerId(), author.publicKey(), p -> { });

        assertEquals(0, r.added());
        assertTrue(asked.get() <= 3, "stopped paging after " + asked.get() + " HEAD requests");
    }
}
