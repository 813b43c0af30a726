package io.solcial.chain;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.membership.ChainLookupException;
import io.solcial.membership.ChainResponseException;
import io.solcial.membership.ChainUnavailableException;
import io.solcial.membership.MembershipOracle;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MembershipOracle} on Solana JSON-RPC. Registered = holds at least one token of the
 * membership mint; N = that mint's supply; a balance is the sum over every token account of the
 * owner for the mint under both token programs, frozen accounts excluded.
 *
 * <p>Blocking RPC runs on this oracle's own bounded pool; callers get futures at once. Answers are
 * cached (shorter for "not registered"); identical lookups in flight share one RPC round.
 *
 * <p>Outage policy: when the RPC cannot be reached, a wallet already confirmed as a member keeps
 * answering {@code true} from the cache even past its TTL, and the last known N stays in use;
 * anything else fails with {@link ChainUnavailableException} ("... new joins refused until it
 * recovers"). Nothing sticks: the next lookup after the endpoint is back goes through. A malformed
 * answer fails with {@link ChainResponseException} and is never served as a "yes" from cache.
 */
public final class SolanaMembershipOracle implements MembershipOracle, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SolanaMembershipOracle.class);
    static final String REFUSAL = "; new joins refused until it recovers";

    private record BalanceKey(Ed25519PublicKey owner, Ed25519PublicKey mint) {
    }

    private record SizeKey() {
    }

    private final SolanaOracleConfig config;
    private final SolanaRpc rpc;
    private final ThreadPoolExecutor executor;
    private final LookupCache<Ed25519PublicKey, Boolean> members;
    private final LookupCache<Ed25519PublicKey, Long> networkSize;
    private final LookupCache<BalanceKey, BigInteger> balances;
    private final Map<Object, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean reachable = new AtomicBoolean(true);

    public SolanaMembershipOracle(SolanaOracleConfig config, Clock clock) {
        this.config = config;
        this.rpc = new SolanaRpc(new JsonRpcClient(config.rpc()));
        this.executor = new ThreadPoolExecutor(config.threads(), config.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queueCapacity()), daemonThreads());
        this.executor.allowCoreThreadTimeOut(true);
        this.members = new LookupCache<>(clock, config.maxCacheEntries());
        this.networkSize = new LookupCache<>(clock, 1);
        this.balances = new LookupCache<>(clock, config.maxCacheEntries());
    }

    public SolanaMembershipOracle(SolanaOracleConfig config) {
        this(config, Clock.systemUTC());
    }

    @Override
    public CompletableFuture<Boolean> isMember(Ed25519PublicKey wallet) {
        Optional<Boolean> cached = members.fresh(wallet);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        return fetch(wallet, () -> {
            boolean member = rpc.balance(wallet, config.membershipMint()).signum() > 0;
            members.put(wallet, member, member ? config.memberTtl() : config.negativeTtl());
            return member;
        }).exceptionallyCompose(e -> {
            Throwable cause = unwrap(e);
            boolean confirmed = members.get(wallet).map(LookupCache.Entry::value).orElse(false);
            if (cause instanceof ChainUnavailableException && confirmed) {
                LOG.debug("{} answered from cache while the chain is unreachable", wallet);
                return CompletableFuture.completedFuture(true);
            }
            return CompletableFuture.failedFuture(refusal(cause));
        });
    }

    @Override
    public CompletableFuture<Long> estimatedNetworkSize() {
        Ed25519PublicKey mint = config.membershipMint();
        Optional<Long> cached = networkSize.fresh(mint);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        return fetch(new SizeKey(), () -> {
            BigInteger supply = rpc.tokenSupply(mint);
            if (supply.bitLength() > 63) {
                throw new ChainResponseException("membership mint supply does not fit a long: " + supply);
            }
            networkSize.put(mint, supply.longValue(), config.networkSizeTtl());
            return supply.longValue();
        }).exceptionallyCompose(e -> {
            Throwable cause = unwrap(e);
            Optional<LookupCache.Entry<Long>> last = networkSize.get(mint);
            if (cause instanceof ChainUnavailableException && last.isPresent()) {
                return CompletableFuture.completedFuture(last.get().value());
            }
            return CompletableFuture.failedFuture(refusal(cause));
        });
    }

    @Override
    public CompletableFuture<BigInteger> tokenBalance(Ed25519PublicKey owner, Ed25519PublicKey mint) {
        BalanceKey key = new BalanceKey(owner, mint);
        Optional<BigInteger> cached = balances.fresh(key);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        return fetch(key, () -> {
            BigInteger sum = rpc.balance(owner, mint);
            balances.put(key, sum, sum.signum() > 0 ? config.balanceTtl() : config.negativeTtl());
            return sum;
        });
    }

    /** Stops the RPC threads; lookups after this fail as unavailable. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    @FunctionalInterface
    private interface Lookup<T> {
        T run() throws ChainLookupException;
    }

    /** Runs {@code lookup} on the pool, sharing one run among identical concurrent lookups. */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> fetch(Object key, Lookup<T> lookup) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<?> existing = inFlight.putIfAbsent(key, mine);
        if (existing != null) {
            return (CompletableFuture<T>) existing;
        }
        try {
            executor.execute(() -> {
                // Leave the in-flight map before completing, so that a caller reacting to this
                // answer starts a fresh lookup rather than finding this one.
                try {
                    T value = lookup.run();
                    markReachable();
                    inFlight.remove(key, mine);
                    mine.complete(value);
                } catch (ChainUnavailableException e) {
                    markUnreachable(e);
                    inFlight.remove(key, mine);
                    mine.completeExceptionally(e);
                } catch (ChainLookupException | RuntimeException e) {
                    inFlight.remove(key, mine);
                    mine.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(key, mine);
            mine.completeExceptionally(new ChainUnavailableException(executor.isShutdown()
                    ? "chain unreachable: the Solana oracle is closed"
                    : "chain unreachable: too many chain lookups queued (" + config.queueCapacity() + ")", e));
        }
        return mine;
    }

    private void markUnreachable(ChainUnavailableException e) {
        if (reachable.compareAndSet(true, false)) {
            LOG.warn("{}; confirmed members keep answering from cache, new joins are refused", e.getMessage());
        }
    }

    private void markReachable() {
        if (reachable.compareAndSet(false, true)) {
            LOG.info("Solana RPC {} is reachable again", config.rpc().endpoint());
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static Throwable refusal(Throwable cause) {
        if (cause instanceof ChainUnavailableException u && !u.getMessage().endsWith(REFUSAL)) {
            return new ChainUnavailableException(u.getMessage() + REFUSAL, u);
        }
        return cause;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "solana-rpc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
