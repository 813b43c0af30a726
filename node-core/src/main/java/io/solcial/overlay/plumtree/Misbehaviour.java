package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import io.solcial.overlay.Topic;

/** A peer that sent a message failing validation; the owner bans it (HyParView's ban). */
public record Misbehaviour(Topic topic, PeerId peer, MessageId id, String reason) {}
