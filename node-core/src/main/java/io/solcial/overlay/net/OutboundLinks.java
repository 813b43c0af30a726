package io.solcial.overlay.net;

import io.solcial.identity.PeerId;
import io.solcial.net.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our outbound links for one overlay protocol, at most one per peer, opened on the first send
 * (dialing when there is no connection) and kept until they fail or are ended on purpose.
 * Overlay thread only.
 */
final class OutboundLinks implements OutboundLink.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundLinks.class);

    /** What the links need from the overlay service. */
    interface Transport {
        /** A connection to {@code peer}: the open one, or a new dial. */
        CompletableFuture<Connection> connect(PeerId peer);

        /** Runs {@code task} on the overlay thread; false when the overlay is stopped. */
        boolean onOverlay(Runnable task);

        /** A link to {@code peer} failed (it has been forgotten already). */
        void linkFailed(PeerId peer, Throwable cause);
    }

    private final String protocol;
    private final int maxQueuedFrames;
    private final Duration openTimeout;
    private final Transport transport;
    private final Map<PeerId, OutboundLink> byPeer = new HashMap<>();

    /**
     * @param openTimeout how long dialing plus opening the stream may take
     */
    OutboundLinks(String protocol, int maxQueuedFrames, Duration openTimeout, Transport transport) {
        this.protocol = protocol;
        this.maxQueuedFrames = maxQueuedFrames;
        this.openTimeout = openTimeout;
        this.transport = transport;
    }

    boolean has(PeerId peer) {
        return byPeer.containsKey(peer);
    }

    /** The link to {@code peer}, opening one when there is none. */
    OutboundLink to(PeerId peer, long nowMillis) {
        OutboundLink existing = byPeer.get(peer);
        if (existing != null) {
            return existing;
        }
        OutboundLink link = new OutboundLink(peer, protocol, maxQueuedFrames, nowMillis, this);
        byPeer.put(peer, link);
        transport.connect(peer)
                .thenCompose(c -> c.newStream(List.of(protocol), link))
                .orTimeout(openTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((stream, error) -> {
                    if (!transport.onOverlay(() -> {
                        if (error != null) {
                            link.failed(error);
                        } else {
                            link.opened(stream);
                        }
                    }) && stream != null) {
                        link.openedAfterStop(stream);
                    }
                });
        return link;
    }

    /** Resets and forgets the link to {@code peer}, if any (a banned or failed peer). */
    void abandon(PeerId peer) {
        OutboundLink link = byPeer.remove(peer);
        if (link != null) {
            link.abandon();
        }
    }

    /** Closes gracefully ({@link OutboundLink#release}) and forgets the links matching {@code condition}. */
    void releaseWhere(Predicate<OutboundLink> condition) {
        for (Iterator<OutboundLink> it = byPeer.values().iterator(); it.hasNext(); ) {
            OutboundLink link = it.next();
            if (condition.test(link)) {
                it.remove();
                link.release();
                LOG.debug("closed our {} stream to {}", protocol, link.peer());
            }
        }
    }

    @Override
    public void linkFailed(OutboundLink link, Throwable cause) {
        byPeer.remove(link.peer(), link);
        transport.linkFailed(link.peer(), cause);
    }

    @Override
    public boolean onOverlay(Runnable task) {
        return transport.onOverlay(task);
    }
}
