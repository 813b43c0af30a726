package io.solcial.overlay.hyparview;

import io.solcial.identity.PeerId;
import io.solcial.overlay.NeighborListener;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Replays neighbor events into a set and records any event that does not match a view change. */
final class RecordingNeighborListener implements NeighborListener {
    final Set<PeerId> up = new LinkedHashSet<>();
    final List<String> violations = new ArrayList<>();
    int events;

    @Override
    public void neighborUp(PeerId peer) {
        events++;
        if (!up.add(peer)) {
            violations.add("neighborUp twice: " + peer);
        }
    }

    @Override
    public void neighborDown(PeerId peer) {
        events++;
        if (!up.remove(peer)) {
            violations.add("neighborDown without neighborUp: " + peer);
        }
    }
}
