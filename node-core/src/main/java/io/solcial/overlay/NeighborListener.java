package io.solcial.overlay;

import io.solcial.identity.PeerId;

/**
 * Active-view changes of the membership protocol, consumed by the broadcast protocol (Plumtree
 * gossips only to active peers): called on the overlay thread, in order.
 */
public interface NeighborListener {

    void neighborUp(PeerId peer);

    void neighborDown(PeerId peer);
}
