package io.solcial.overlay.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.NetException;
import io.solcial.net.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OutboundLinkTest {
    private static final PeerId PEER = Ed25519PublicKey.of(new byte[32]).peerId();

    /** Runs overlay tasks inline and records failures. */
    private static final class Owner implements OutboundLink.Owner {
        final List<Throwable> failures = new ArrayList<>();

        @Override
        public void linkFailed(OutboundLink link, Throwable cause) {
            failures.add(cause);
        }

        @Override
        public boolean onOverlay(Runnable task) {
            task.run();
            return true;
        }
    }

    /** Records what the link does to its stream, in order. */
    private static final class RecordingStream implements Stream {
        final List<String> calls = new ArrayList<>();

        @Override
        public PeerId remotePeer() {
            return PEER;
        }

        @Override
        public String protocol() {
            return "/test/1.0.0";
        }

        @Override
        public Multiaddr remoteAddress() {
            return Multiaddr.parse("/ip4/127.0.0.1/tcp/1");
        }

        @Override
        public CompletableFuture<Void> write(byte[] data) {
            calls.add("write " + data[0]);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> closeWrite() {
            calls.add("fin");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void reset() {
            calls.add("reset");
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public CompletableFuture<Void> closeFuture() {
            return new CompletableFuture<>();
        }
    }

    @Test
    void releaseWritesAFinAfterTheFramesSentAndIsNoFailure() {
        Owner owner = new Owner();
        RecordingStream stream = new RecordingStream();
        OutboundLink link = new OutboundLink(PEER, "/test/1.0.0", 16, 0, owner);
        link.send(new byte[] {1}, 5);
        link.opened(stream);
        link.send(new byte[] {2}, 9);
        assertEquals(9, link.lastUsedMillis());
        assertTrue(link.isOpen());

        link.release();
        link.send(new byte[] {3}, 10); // a released link sends nothing more
        link.onRemoteClose(stream);
        link.onClosed(stream, null);
        link.onClosed(stream, new NetException("reset by peer"));

        assertEquals(List.of("write 1", "write 2", "fin"), stream.calls, "graceful: no reset, nothing after the FIN");
        assertTrue(owner.failures.isEmpty(), "a released link is not a failed link");
        assertFalse(link.isOpen());
    }

    @Test
    void framesQueuedBeforeTheStreamOpenedStillGoOutWhenTheLinkIsReleasedMeanwhile() {
        Owner owner = new Owner();
        RecordingStream opened = new RecordingStream();
        OutboundLink link = new OutboundLink(PEER, "/test/1.0.0", 16, 0, owner);
        link.send(new byte[] {7}, 1); // e.g. a DISCONNECT while the stream is being negotiated
        link.release();
        link.send(new byte[] {8}, 2); // nothing after the release
        link.opened(opened);
        assertEquals(List.of("write 7", "fin"), opened.calls);

        RecordingStream late = new RecordingStream(); // the overlay stopped before the stream opened
        OutboundLink stopped = new OutboundLink(PEER, "/test/1.0.0", 16, 0, owner);
        stopped.send(new byte[] {9}, 1);
        stopped.release();
        stopped.openedAfterStop(late);
        assertEquals(List.of("write 9", "fin"), late.calls);

        RecordingStream idle = new RecordingStream(); // nothing queued: a stream opened too late is reset
        new OutboundLink(PEER, "/test/1.0.0", 16, 0, owner).openedAfterStop(idle);
        assertEquals(List.of("reset"), idle.calls);
        assertTrue(owner.failures.isEmpty());
    }

    @Test
    void aStreamClosedByThePeerIsAFailure() {
        Owner owner = new Owner();
        RecordingStream stream = new RecordingStream();
        OutboundLink link = new OutboundLink(PEER, "/test/1.0.0", 16, 0, owner);
        link.opened(stream);
        link.onClosed(stream, null);
        assertEquals(1, owner.failures.size());
        assertFalse(link.isOpen());
    }
}
