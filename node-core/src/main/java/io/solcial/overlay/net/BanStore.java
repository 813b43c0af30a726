package io.solcial.overlay.net;

import io.solcial.content.StoreException;
import io.solcial.identity.PeerId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where the overlay keeps its permanent bans (H2 table {@code bans}: {@link io.solcial.store.H2BanStore}). */
public interface BanStore {

    /** Every peer banned so far. */
    Set<PeerId> load() throws StoreException;

    /** Records a ban; banning a peer twice keeps the first record. */
    void add(PeerId peer, String reason) throws StoreException;

    /** A ban list that lives as long as the object (tests). */
    static BanStore inMemory() {
        Set<PeerId> bans = ConcurrentHashMap.newKeySet();
        return new BanStore() {
            @Override
            public Set<PeerId> load() {
                return Set.copyOf(bans);
            }

            @Override
            public void add(PeerId peer, String reason) {
                bans.add(peer);
            }
        };
    }
}
