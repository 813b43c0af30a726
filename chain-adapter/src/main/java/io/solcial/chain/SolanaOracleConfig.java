package io.solcial.chain;

import io.solcial.identity.Ed25519PublicKey;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of {@link SolanaMembershipOracle}: the endpoint, the membership mint, how long answers
 * are cached (a "registered" answer longer than a "not registered" one, so a new registration
 * shows up soon), and the bounded executor that runs the blocking RPC calls.
 */
public record SolanaOracleConfig(RpcSettings rpc, Ed25519PublicKey membershipMint, Duration memberTtl,
        Duration negativeTtl, Duration networkSizeTtl, Duration balanceTtl, int threads, int queueCapacity,
        int maxCacheEntries) {
    public SolanaOracleConfig {
        for (Duration ttl : new Duration[] {memberTtl, negativeTtl, networkSizeTtl, balanceTtl}) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("cache TTLs must not be negative");
            }
        }
        if (threads < 1 || queueCapacity < 1 || maxCacheEntries < 1) {
            throw new IllegalArgumentException("threads, queueCapacity and maxCacheEntries must be at least 1");
        }
    }

    public static SolanaOracleConfig defaults(URI rpcUrl, Ed25519PublicKey membershipMint) {
        return new SolanaOracleConfig(RpcSettings.defaults(rpcUrl), membershipMint, Duration.ofMinutes(5),
                Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofSeconds(30), 4, 1024, 100_000);
    }

    public SolanaOracleConfig withRpc(RpcSettings settings) {
        return new SolanaOracleConfig(settings, membershipMint, memberTtl, negativeTtl, networkSizeTtl, balanceTtl,
                threads, queueCapacity, maxCacheEntries);
    }

    public SolanaOracleConfig withTtls(Duration member, Duration negative, Duration networkSize, Duration balance) {
        return new SolanaOracleConfig(rpc, membershipMint, member, negative, networkSize, balance, threads,
                queueCapacity, maxCacheEntries);
    }
}
