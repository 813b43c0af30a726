package io.solcial.overlay.hyparview;

import io.solcial.identity.PeerId;
import io.solcial.overlay.Topic;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The HyParView messages (Leitão, Pereira, Rodrigues, DSN 2007), each scoped to one overlay
 * {@link Topic}, plus {@link JoinRefused} for chain-gated admission. Sizes are checked here, so a
 * decoder that builds these records rejects oversized input.
 */
public sealed interface HyParViewMessage {

    Topic topic();

    /** Neighbor request priority: HIGH is always accepted, LOW only into a free active slot. */
    enum Priority { HIGH, LOW }

    /** A new node asks its contact to let it in. */
    record Join(Topic topic) implements HyParViewMessage {
        public Join {
            Objects.requireNonNull(topic);
        }
    }

    /** A random walk introducing {@code newNode}; {@code ttl} counts down to 0. */
    record ForwardJoin(Topic topic, PeerId newNode, int ttl) implements HyParViewMessage {
        public ForwardJoin {
            Objects.requireNonNull(topic);
            Objects.requireNonNull(newNode);
            checkTtl(ttl);
        }
    }

    /** Asks the receiver to add the sender to its active view. */
    record Neighbor(Topic topic, Priority priority) implements HyParViewMessage {
        public Neighbor {
            Objects.requireNonNull(topic);
            Objects.requireNonNull(priority);
        }
    }

    /**
     * Answers a {@link Neighbor} or a {@link Join}: {@code accepted} means the sender has added the
     * receiver to its active view.
     */
    record NeighborReply(Topic topic, boolean accepted) implements HyParViewMessage {
        public NeighborReply {
            Objects.requireNonNull(topic);
        }
    }

    /** The sender dropped the receiver from its active view (and keeps it as a passive peer). */
    record Disconnect(Topic topic) implements HyParViewMessage {
        public Disconnect {
            Objects.requireNonNull(topic);
        }
    }

    /** A random walk carrying {@code origin}'s sample of its views. */
    record Shuffle(Topic topic, PeerId origin, int ttl, List<PeerId> sample) implements HyParViewMessage {
        public Shuffle {
            Objects.requireNonNull(topic);
            Objects.requireNonNull(origin);
            checkTtl(ttl);
            sample = checkSample(sample);
        }
    }

    /** Sent straight to a shuffle's origin: a sample of the receiver's passive view. */
    record ShuffleReply(Topic topic, List<PeerId> sample) implements HyParViewMessage {
        public ShuffleReply {
            Objects.requireNonNull(topic);
            sample = checkSample(sample);
        }
    }

    /** The sender will not admit the receiver (not a member, banned, chain unreachable). */
    record JoinRefused(Topic topic, String reason) implements HyParViewMessage {
        public JoinRefused {
            Objects.requireNonNull(topic);
            if (reason.isEmpty() || reason.length() > HyParViewConstants.MAX_REASON_LENGTH) {
                throw new IllegalArgumentException("a refusal reason is 1.." + HyParViewConstants.MAX_REASON_LENGTH
                        + " characters, got " + reason.length());
            }
        }
    }

    private static void checkTtl(int ttl) {
        if (ttl < 0 || ttl > HyParViewConstants.MAX_TTL) {
            throw new IllegalArgumentException("ttl must be in [0, " + HyParViewConstants.MAX_TTL + "], got " + ttl);
        }
    }

    private static List<PeerId> checkSample(List<PeerId> sample) {
        List<PeerId> copy = List.copyOf(sample);
        if (copy.size() > HyParViewConstants.MAX_SAMPLE_SIZE) {
            throw new IllegalArgumentException("a sample holds at most " + HyParViewConstants.MAX_SAMPLE_SIZE
                    + " peers, got " + copy.size());
        }
        if (repeatsAPeer(copy)) {
            throw new IllegalArgumentException("a sample must not repeat a peer");
        }
        return copy;
    }

    /**
     * Whether a peer occurs twice: pairwise by hash code for samples of up to 16 (the usual case,
     * and no garbage: every shuffle builds two samples), through a set above.
     */
    private static boolean repeatsAPeer(List<PeerId> sample) {
        int n = sample.size();
        if (n > 16) {
            return new HashSet<>(sample).size() != n;
        }
        for (int i = 1; i < n; i++) {
            PeerId p = sample.get(i);
            int h = p.hashCode();
            for (int j = 0; j < i; j++) {
                PeerId q = sample.get(j);
                if (q.hashCode() == h && q.equals(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
