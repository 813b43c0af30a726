package io.solcial.net.transport;

import io.netty.channel.Channel;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.net.Direction;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Upgrades a fresh TCP channel to a secured one ready for the muxer: multistream-select
 * {@code /noise} → Noise XX → multistream-select {@code /yamux/1.0.0} inside Noise. The dialer
 * ({@link Direction#OUTBOUND}) is the multistream initiator and the Noise initiator.
 *
 * <p>Muxer choice: as responder we list {@code /yamux/1.0.0} in our Noise payload's
 * {@code stream_muxers} (as js does); when the initiator listed it too, the muxer is chosen by the
 * handshake (inlined negotiation, which js-libp2p dialers use) and no multistream-select runs
 * inside Noise. As initiator we list no muxers, so the responder falls back to multistream-select.
 *
 * <p>The future completes on the channel's event loop with a {@link SecuredChannel} whose pipeline
 * holds only the Noise frame decoder and transport codec, with {@code autoRead} off: the muxer adds
 * itself at the tail, consumes {@link SecuredChannel#leftover()} and then turns {@code autoRead}
 * on (or calls {@code read()}), so no byte reaches the pipeline before it is there. On failure —
 * a protocol violation, a bad signature, the wrong peer, the peer closing, the timeout — the future
 * completes exceptionally with a {@link io.solcial.net.NetException} saying what happened, and the
 * channel is closed.
 */
public final class ConnectionUpgrader {
    /** The only muxer we speak. */
    public static final String YAMUX = "/yamux/1.0.0";

    private final Ed25519KeyPair identity;
    private final Duration handshakeTimeout;

    public ConnectionUpgrader(Ed25519KeyPair identity, Duration handshakeTimeout) {
        this.identity = Objects.requireNonNull(identity, "identity");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive: " + handshakeTimeout);
        }
        this.handshakeTimeout = handshakeTimeout;
    }

    /**
     * Starts the upgrade of {@code channel} (connected, nothing installed yet). When
     * {@code expectedRemote} is present the remote must authenticate as that peer.
     */
    public CompletableFuture<SecuredChannel> upgrade(Channel channel, Direction direction, Optional<PeerId> expectedRemote) {
        UpgradeAttempt attempt = new UpgradeAttempt(channel, direction, identity, expectedRemote, handshakeTimeout);
        if (channel.eventLoop().inEventLoop()) {
            attempt.start();
        } else {
            channel.eventLoop().execute(attempt::start);
        }
        return attempt.result();
    }
}
