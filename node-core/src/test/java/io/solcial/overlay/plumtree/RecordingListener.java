package io.solcial.overlay.plumtree;

import java.util.ArrayList;
import java.util.List;

final class RecordingListener implements PlumtreeListener {
    final List<Delivery> deliveries = new ArrayList<>();
    final List<Misbehaviour> misbehaviours = new ArrayList<>();

    @Override
    public void deliver(Delivery delivery) {
        deliveries.add(delivery);
    }

    @Override
    public void misbehaved(Misbehaviour misbehaviour) {
        misbehaviours.add(misbehaviour);
    }
}
