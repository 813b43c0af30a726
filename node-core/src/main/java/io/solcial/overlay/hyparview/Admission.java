package io.solcial.overlay.hyparview;

import io.solcial.identity.PeerId;
import io.solcial.membership.MembershipOracle;
import java.util.concurrent.CompletableFuture;

/**
 * Whether a peer may enter this node's active view. Completes {@code true} or {@code false}, or
 * fails (e.g. with {@link io.solcial.membership.ChainUnavailableException}); a failure never
 * admits a peer HyParView has not admitted before.
 */
@FunctionalInterface
public interface Admission {

    CompletableFuture<Boolean> admit(PeerId peer);

    /** Members on chain only; a peer id that inlines no Ed25519 key is never a member. */
    static Admission of(MembershipOracle oracle) {
        return peer -> peer.publicKey()
                .map(oracle::isMember)
                .orElseGet(() -> CompletableFuture.completedFuture(false));
    }

    /** Admits everyone (tests, private networks). */
    static Admission everyone() {
        return peer -> CompletableFuture.completedFuture(true);
    }
}
