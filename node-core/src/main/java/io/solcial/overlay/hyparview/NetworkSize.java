package io.solcial.overlay.hyparview;

import io.solcial.membership.MembershipOracle;
import java.util.concurrent.CompletableFuture;

/** Where HyParView reads the estimated network size N that sizes its views. */
@FunctionalInterface
public interface NetworkSize {

    CompletableFuture<Long> estimate();

    static NetworkSize of(MembershipOracle oracle) {
        return oracle::estimatedNetworkSize;
    }

    static NetworkSize fixed(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("network size must be at least 1: " + n);
        }
        return () -> CompletableFuture.completedFuture(n);
    }
}
