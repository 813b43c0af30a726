package io.solcial.membership;

import io.solcial.identity.Ed25519PublicKey;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MembershipOracle} held in memory, for tests and simulations. Answers complete at once
 * (already-completed futures). {@link #failWith} makes every lookup fail until cleared, to play an
 * outage or a broken endpoint.
 */
public final class InMemoryMembershipOracle implements MembershipOracle {
    private record Holding(Ed25519PublicKey owner, Ed25519PublicKey mint) {
    }

    private final Set<Ed25519PublicKey> members = ConcurrentHashMap.newKeySet();
    private final Map<Holding, BigInteger> balances = new ConcurrentHashMap<>();
    private volatile Optional<Long> networkSize = Optional.empty();
    private volatile Optional<ChainLookupException> failure = Optional.empty();

    public InMemoryMembershipOracle register(Ed25519PublicKey wallet) {
        members.add(wallet);
        return this;
    }

    public InMemoryMembershipOracle unregister(Ed25519PublicKey wallet) {
        members.remove(wallet);
        return this;
    }

    public InMemoryMembershipOracle setBalance(Ed25519PublicKey owner, Ed25519PublicKey mint, BigInteger amount) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("a token balance is never negative: " + amount);
        }
        balances.put(new Holding(owner, mint), amount);
        return this;
    }

    /** Answers {@code size} for N instead of the member count. */
    public InMemoryMembershipOracle setNetworkSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("network size must not be negative: " + size);
        }
        networkSize = Optional.of(size);
        return this;
    }

    /** Every lookup fails with {@code e} until {@link #recover()}. */
    public InMemoryMembershipOracle failWith(ChainLookupException e) {
        failure = Optional.of(e);
        return this;
    }

    /** Fails every lookup as if the chain were unreachable, until {@link #recover()}. */
    public InMemoryMembershipOracle goOffline() {
        return failWith(new ChainUnavailableException("chain unreachable: in-memory oracle is offline"));
    }

    public InMemoryMembershipOracle recover() {
        failure = Optional.empty();
        return this;
    }

    @Override
    public CompletableFuture<Boolean> isMember(Ed25519PublicKey wallet) {
        return answer(members.contains(wallet));
    }

    @Override
    public CompletableFuture<Long> estimatedNetworkSize() {
        return answer(networkSize.orElse((long) members.size()));
    }

    @Override
    public CompletableFuture<BigInteger> tokenBalance(Ed25519PublicKey owner, Ed25519PublicKey mint) {
        return answer(balances.getOrDefault(new Holding(owner, mint), BigInteger.ZERO));
    }

    private <T> CompletableFuture<T> answer(T value) {
        Optional<ChainLookupException> f = failure;
        return f.isPresent() ? CompletableFuture.failedFuture(f.get()) : CompletableFuture.completedFuture(value);
    }
}
