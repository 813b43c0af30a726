package io.solcial.overlay.net;

import io.solcial.identity.PeerId;
import io.solcial.net.NetException;
import io.solcial.net.Stream;
import io.solcial.net.StreamHandler;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our outbound stream to one peer for one overlay protocol: frames wait while the stream opens,
 * then are written in order. A link ends in one of two ways: it fails (the stream is reset or
 * closed, a write fails, the peer reads too slowly), which its {@link Owner} hears, or the owner
 * ends it on purpose ({@link #release} closes it gracefully, {@link #abandon} resets it), which
 * is reported to nobody.
 *
 * <p>Overlay thread only; the stream callbacks hop back to it through {@link Owner#onOverlay}.
 */
final class OutboundLink implements StreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundLink.class);

    /** The link's owner, called on the overlay thread. */
    interface Owner {
        /** The link failed; it is dead and sends nothing more. Never called after a release or abandon. */
        void linkFailed(OutboundLink link, Throwable cause);

        /** Runs {@code task} on the overlay thread; false when the overlay is stopped. */
        boolean onOverlay(Runnable task);
    }

    private final PeerId peer;
    private final String protocol;
    private final int maxQueuedFrames;
    private final Owner owner;
    private final List<byte[]> queued = new ArrayList<>();
    private Stream stream;
    private int inFlight;
    private boolean dead;
    /** Released while its stream was still opening: the queued frames go out, then a FIN. */
    private boolean finishing;
    private long lastUsedMillis;

    /**
     * @param maxQueuedFrames most frames waiting or in flight; beyond that the peer is too slow and
     *     the link fails
     * @param nowMillis the time of creation, the first "last use"
     */
    OutboundLink(PeerId peer, String protocol, int maxQueuedFrames, long nowMillis, Owner owner) {
        this.peer = peer;
        this.protocol = protocol;
        this.maxQueuedFrames = maxQueuedFrames;
        this.owner = owner;
        this.lastUsedMillis = nowMillis;
    }

    PeerId peer() {
        return peer;
    }

    /** When a frame was last handed to this link (or it was created). */
    long lastUsedMillis() {
        return lastUsedMillis;
    }

    /** Whether the stream is open and the link neither failed nor ended. */
    boolean isOpen() {
        return stream != null && !dead;
    }

    void send(byte[] frame, long nowMillis) {
        if (dead) {
            return;
        }
        lastUsedMillis = nowMillis;
        if (stream == null) {
            if (queued.size() >= maxQueuedFrames) {
                failed(new NetException("too many frames queued for " + peer + " on " + protocol));
                return;
            }
            queued.add(frame);
        } else {
            write(frame);
        }
    }

    private void write(byte[] frame) {
        if (inFlight >= maxQueuedFrames) {
            failed(new NetException(peer + " does not read " + protocol + " fast enough"));
            return;
        }
        inFlight++;
        stream.write(frame).whenComplete((v, e) -> owner.onOverlay(() -> {
            inFlight--;
            if (e != null) {
                failed(e);
            }
        }));
    }

    /** The stream was negotiated: queued frames go out. A link ended meanwhile resets it. */
    void opened(Stream s) {
        if (finishing) {
            finish(s);
            return;
        }
        if (dead) {
            s.reset();
            return;
        }
        stream = s;
        for (byte[] frame : queued) {
            write(frame);
        }
        queued.clear();
    }

    /** Opening the stream, or the stream itself, failed. */
    void failed(Throwable cause) {
        if (dead) {
            return;
        }
        LOG.debug("link to {} on {} failed: {}", peer, protocol, cause == null ? "closed" : cause.toString());
        abandon();
        owner.linkFailed(this, cause);
    }

    /**
     * Ends the link gracefully: a FIN follows the frames already written (so a DISCONNECT just
     * sent still arrives), and the peer closes its side in turn. Frames still waiting for the
     * stream to open are written once it opens, then the FIN. Nothing is reported, whatever happens to the stream afterwards.
     */
    void release() {
        dead = true;
        if (stream != null) {
            stream.closeWrite();
        } else if (!queued.isEmpty()) {
            finishing = true; // e.g. a DISCONNECT sent while the stream was still being negotiated
        }
    }

    /**
     * The stream opened after the overlay stopped (no overlay thread any more): a released link
     * still delivers what was queued, then closes; any other link resets the stream.
     */
    void openedAfterStop(Stream s) {
        if (finishing) {
            finish(s);
        } else {
            s.reset();
        }
    }

    private void finish(Stream s) {
        finishing = false;
        for (byte[] frame : queued) {
            s.write(frame);
        }
        queued.clear();
        s.closeWrite();
    }

    /** Ends the link at once (stream reset); nothing is reported. */
    void abandon() {
        dead = true;
        queued.clear();
        if (stream != null) {
            stream.reset();
        }
    }

    @Override
    public void onData(Stream s, byte[] data) {
        // one-way stream: the peer answers on its own stream; stray bytes are ignored
    }

    @Override
    public void onClosed(Stream s, Throwable cause) {
        owner.onOverlay(() -> failed(cause == null ? new NetException("stream closed") : cause));
    }
}
