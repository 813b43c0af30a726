package io.solcial.overlay.wire;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.overlay.hyparview.HyParViewMessage;
import java.util.List;
import java.util.Map;

/**
 * A decoded HyParView message with the dialing hints that travelled with it: the sender's own
 * listen addresses and the addresses given for every peer the message names.
 */
public record DecodedHyParView(HyParViewMessage message, List<Multiaddr> senderAddrs,
        Map<PeerId, List<Multiaddr>> peerAddrs) {
    public DecodedHyParView {
        senderAddrs = List.copyOf(senderAddrs);
        peerAddrs = Map.copyOf(peerAddrs);
    }
}
