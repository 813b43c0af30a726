package io.solcial.overlay.plumtree;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.identity.PeerId;
import java.util.SplittableRandom;

/** Cheap deterministic peer ids (random bytes as Ed25519 public keys; never verified). */
final class TestPeers {
    private TestPeers() {}

    static PeerId peer(SplittableRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Ed25519PublicKey.of(key).peerId();
    }

    static PeerId peer(int n) {
        return peer(new SplittableRandom(0x5EED_0000L + n));
    }
}
