package io.solcial.overlay.plumtree;

import io.solcial.multiformats.Bytes;
import io.solcial.overlay.Topic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The four Plumtree messages. {@code round} is the hop count a message has when it reaches the
 * receiver: 1 for the originator's direct neighbours.
 */
public sealed interface PlumtreeMessage {

    Topic topic();

    /** A full message, pushed eagerly (or sent in answer to a GRAFT). */
    record Gossip(Topic topic, MessageId id, int round, Bytes payload) implements PlumtreeMessage {
        public Gossip {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(id, "id");
            checkRound(round);
            if (payload.length() > PlumtreeConstants.MAX_PAYLOAD_LENGTH) {
                throw new IllegalArgumentException("payload of " + payload.length() + " bytes exceeds "
                        + PlumtreeConstants.MAX_PAYLOAD_LENGTH);
            }
        }
    }

    /**
     * Lazy push: ids the sender has, each with the round a GOSSIP from the sender would carry.
     */
    record IHave(Topic topic, List<Announcement> announcements) implements PlumtreeMessage {
        public IHave {
            Objects.requireNonNull(topic, "topic");
            announcements = List.copyOf(announcements);
            if (announcements.isEmpty() || announcements.size() > PlumtreeConstants.MAX_IHAVE_IDS) {
                throw new IllegalArgumentException("an IHAVE carries 1.." + PlumtreeConstants.MAX_IHAVE_IDS
                        + " ids, got " + announcements.size());
            }
        }
    }

    /**
     * Makes the link eager again; with an id, also asks for that message. Without one it only
     * repairs the tree (the sender already has the message: tree optimisation).
     */
    record Graft(Topic topic, Optional<MessageId> id, int round) implements PlumtreeMessage {
        public Graft {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(id, "id");
            checkRound(round);
        }
    }

    /** Makes the link lazy: the receiver of a PRUNE stops pushing full messages to its sender. */
    record Prune(Topic topic) implements PlumtreeMessage {
        public Prune {
            Objects.requireNonNull(topic, "topic");
        }
    }

    /** One id of an IHAVE. */
    record Announcement(MessageId id, int round) {
        public Announcement {
            Objects.requireNonNull(id, "id");
            checkRound(round);
        }
    }

    private static void checkRound(int round) {
        if (round < 0 || round > PlumtreeConstants.MAX_ROUND) {
            throw new IllegalArgumentException("round out of range: " + round);
        }
    }
}
