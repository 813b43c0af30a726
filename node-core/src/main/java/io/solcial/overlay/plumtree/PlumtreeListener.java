package io.solcial.overlay.plumtree;

/** What Plumtree hands to the application, on the overlay thread. */
public interface PlumtreeListener {

    /** A new message, exactly once per id (within the seen-id TTL and bound). */
    void deliver(Delivery delivery);

    /** A neighbour sent an invalid message: not delivered, not forwarded. */
    void misbehaved(Misbehaviour misbehaviour);
}
