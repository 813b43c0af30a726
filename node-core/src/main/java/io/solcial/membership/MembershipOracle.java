package io.solcial.membership;

import io.solcial.identity.Ed25519PublicKey;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;

/**
 * On-chain lookups, non-blocking: callers run on network event loops, so every method returns at
 * once and completes its future later, on the implementation's own threads.
 *
 * <p>A future fails with {@link ChainUnavailableException} when the chain cannot be reached (the
 * message says so) and with {@link ChainResponseException} when it answered something malformed.
 * An implementation never turns a failure into a "yes": a caller that gets an exception refuses
 * the join or the gated key.
 */
public interface MembershipOracle {
    /** Whether {@code wallet} is registered (on Solana: holds at least one membership token). */
    CompletableFuture<Boolean> isMember(Ed25519PublicKey wallet);

    /** The estimated number of registered wallets N (on Solana: the membership mint's supply). */
    CompletableFuture<Long> estimatedNetworkSize();

    /**
     * The amount of {@code mint} that {@code owner} holds, in the mint's base units, summed over
     * all of the owner's token accounts for that mint; frozen accounts do not count.
     */
    CompletableFuture<BigInteger> tokenBalance(Ed25519PublicKey owner, Ed25519PublicKey mint);
}
