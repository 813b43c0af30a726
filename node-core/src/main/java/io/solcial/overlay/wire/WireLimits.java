package io.solcial.overlay.wire;

import io.solcial.overlay.plumtree.PlumtreeConstants;

/** Sizes the overlay codecs accept (docs/protocol.md, "HyParView" and "Plumtree"). */
public final class WireLimits {
    /** Most addresses a {@code PeerRef} or {@code sender_addrs} may list. */
    public static final int MAX_ADDRS = 4;
    /** Longest binary multiaddr accepted. */
    public static final int MAX_ADDR_BYTES = 128;
    /** Longest peer id multihash accepted. */
    public static final int MAX_PEER_ID_BYTES = 64;
    /** Largest HyParView frame (a full SHUFFLE fits with room to spare). */
    public static final int MAX_HYPARVIEW_FRAME = 64 * 1024;
    /** Largest Plumtree frame: a maximal GOSSIP payload plus its envelope. */
    public static final int MAX_PLUMTREE_FRAME = PlumtreeConstants.MAX_PAYLOAD_LENGTH + 1024;

    private WireLimits() {
    }
}
