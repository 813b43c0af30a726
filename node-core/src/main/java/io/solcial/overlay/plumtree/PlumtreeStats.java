package io.solcial.overlay.plumtree;

/**
 * Counters of one Plumtree instance since it was built.
 *
 * @param gossipSent full messages sent (eager pushes and GRAFT answers)
 * @param ihaveSent IHAVE messages sent
 * @param ihaveIdsSent ids announced in them
 * @param graftSent GRAFTs sent (repairs and optimisations)
 * @param pruneSent PRUNEs sent
 * @param delivered messages delivered to the application (own broadcasts included)
 * @param duplicatesReceived GOSSIPs for an id already seen
 * @param invalidReceived GOSSIPs refused (validator or id mismatch)
 * @param optimizations eager parents replaced by a shorter lazy path
 */
public record PlumtreeStats(
        long gossipSent,
        long ihaveSent,
        long ihaveIdsSent,
        long graftSent,
        long pruneSent,
        long delivered,
        long duplicatesReceived,
        long invalidReceived,
        long optimizations) {}
