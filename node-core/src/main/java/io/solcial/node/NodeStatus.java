package io.solcial.node;

/**
 * A snapshot of a node's counters, for {@code /metrics}, {@code /healthz} and status views.
 *
 * @param peers       open libp2p connections
 * @param activeView  peers in the overlay active view (topic {@code /solcial/public})
 * @param passiveView peers in the overlay passive view
 * @param authors     authors whose logs this node holds
 * @param entries     log entries held
 * @param blocks      blocks in the store
 * @param blockBytes  bytes of block data in the store
 * @param bans        banned peers
 */
public record NodeStatus(int peers, int activeView, int passiveView, long authors, long entries, long blocks,
        long blockBytes, int bans) {
}
