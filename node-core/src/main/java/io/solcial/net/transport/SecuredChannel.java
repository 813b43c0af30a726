package io.solcial.net.transport;

import io.netty.channel.Channel;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import io.solcial.net.Direction;
import java.util.Objects;

/**
 * The hand-off from the connection upgrade to the muxer: a TCP channel on which multistream-select
 * chose {@code /noise}, the Noise XX handshake authenticated {@code remoteKey}, and
 * {@code /yamux/1.0.0} was chosen (by multistream-select inside Noise, or by the muxer lists both
 * Noise payloads carried). The channel comes with {@code autoRead} off: the muxer adds itself at
 * the pipeline's tail, consumes {@code leftover}, then turns reading on. Its pipeline now reads and writes
 * plaintext {@code ByteBuf}s (Noise framing and encryption below). {@code leftover} is plaintext
 * that already arrived behind the muxer selection and belongs to the muxer.
 */
public record SecuredChannel(Channel channel, Direction direction, Ed25519PublicKey remoteKey, byte[] leftover) {
    public SecuredChannel {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(remoteKey, "remoteKey");
        leftover = leftover.clone();
    }

    public PeerId remotePeer() {
        return remoteKey.peerId();
    }
}
