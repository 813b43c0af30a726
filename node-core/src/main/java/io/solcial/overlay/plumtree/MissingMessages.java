package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import io.solcial.overlay.Cancellable;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Ids announced by lazy peers (IHAVE) but not received yet, each with its announcers in arrival
 * order and its GRAFT timer. Bounded in ids (the oldest is dropped, its timer cancelled) and in
 * announcers per id. Not thread-safe.
 */
final class MissingMessages {
    private final int maxIds;
    private final int maxAnnouncers;
    private final LinkedHashMap<MessageId, Missing> missing = new LinkedHashMap<>();

    MissingMessages(int maxIds, int maxAnnouncers) {
        this.maxIds = maxIds;
        this.maxAnnouncers = maxAnnouncers;
    }

    /** Records an announcement; true when the id was not tracked yet (the caller arms a timer). */
    boolean announce(MessageId id, PeerId peer, int round) {
        Missing m = missing.get(id);
        boolean fresh = m == null;
        if (fresh) {
            if (missing.size() >= maxIds) {
                Iterator<Missing> eldest = missing.values().iterator();
                eldest.next().cancelTimer();
                eldest.remove();
            }
            m = new Missing();
            missing.put(id, m);
        }
        if (m.announcers.size() < maxAnnouncers && m.announcers.stream().noneMatch(a -> a.peer().equals(peer))) {
            m.announcers.add(new Announcer(peer, round));
        }
        return fresh;
    }

    boolean contains(MessageId id) {
        return missing.containsKey(id);
    }

    /**
     * The id's entry, or null; an empty map is not searched (it still has its table, a miss to
     * memory at thousands of simulated nodes, and every delivery looks its id up).
     */
    private Missing lookUp(MessageId id) {
        return missing.isEmpty() ? null : missing.get(id);
    }

    void setTimer(MessageId id, Cancellable timer) {
        Missing m = missing.get(id);
        if (m != null) {
            m.cancelTimer();
            m.timer = timer;
        }
    }

    /** The next announcer to graft, removed from the list. */
    Optional<Announcer> pollAnnouncer(MessageId id) {
        Missing m = missing.get(id);
        return m == null ? Optional.empty() : Optional.ofNullable(m.announcers.poll());
    }

    /** The lowest round announced for {@code id} by a peer other than {@code except}. */
    Optional<Announcer> bestAnnouncer(MessageId id, PeerId except) {
        Missing m = lookUp(id);
        if (m == null) {
            return Optional.empty();
        }
        Announcer best = null;
        for (Announcer a : m.announcers) {
            if (!a.peer().equals(except) && (best == null || a.round() < best.round())) {
                best = a;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Stops tracking {@code id} (received, or given up) and cancels its timer. */
    void remove(MessageId id) {
        Missing m = missing.isEmpty() ? null : missing.remove(id);
        if (m != null) {
            m.cancelTimer();
        }
    }

    /** Forgets every announcement from {@code peer}; ids left without announcers are dropped. */
    void removePeer(PeerId peer) {
        Iterator<Map.Entry<MessageId, Missing>> it = missing.entrySet().iterator();
        while (it.hasNext()) {
            Missing m = it.next().getValue();
            m.announcers.removeIf(a -> a.peer().equals(peer));
            if (m.announcers.isEmpty()) {
                m.cancelTimer();
                it.remove();
            }
        }
    }

    void clear() {
        missing.values().forEach(Missing::cancelTimer);
        missing.clear();
    }

    int size() {
        return missing.size();
    }

    OptionalInt announcerCount(MessageId id) {
        Missing m = missing.get(id);
        return m == null ? OptionalInt.empty() : OptionalInt.of(m.announcers.size());
    }

    record Announcer(PeerId peer, int round) {}

    private static final class Missing {
        final ArrayDeque<Announcer> announcers = new ArrayDeque<>();
        Cancellable timer;

        void cancelTimer() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }
}
