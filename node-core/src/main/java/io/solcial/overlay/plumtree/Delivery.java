package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import io.solcial.multiformats.Bytes;
import io.solcial.overlay.Topic;

/**
 * A broadcast handed to the application, once per message id.
 *
 * @param hops how many links it crossed (0 for the node's own broadcast)
 * @param from the neighbour it came from (the local peer for its own broadcast)
 */
public record Delivery(Topic topic, MessageId id, Bytes payload, int hops, PeerId from) {}
