package io.solcial.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers with an expiry. An expired entry is still returned (marked stale) so that a caller can
 * decide to use it while the chain is unreachable. Bounded: past {@code maxEntries}, expired
 * entries are dropped first, then the oldest.
 */
final class LookupCache<K, V> {
    record Entry<V>(V value, Instant fetchedAt, Instant expiresAt) {
        boolean freshAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final Clock clock;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    LookupCache(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    Optional<Entry<V>> get(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    Optional<V> fresh(K key) {
        Instant now = clock.instant();
        return get(key).filter(e -> e.freshAt(now)).map(Entry::value);
    }

    void put(K key, V value, Duration ttl) {
        Instant now = clock.instant();
        entries.put(key, new Entry<>(value, now, now.plus(ttl)));
        if (entries.size() > maxEntries) {
            evict(now);
        }
    }

    int size() {
        return entries.size();
    }

    private synchronized void evict(Instant now) {
        entries.values().removeIf(e -> !e.freshAt(now));
        while (entries.size() > maxEntries) {
            entries.entrySet().stream().min((a, b) -> a.getValue().fetchedAt().compareTo(b.getValue().fetchedAt()))
                    .ifPresent(oldest -> entries.remove(oldest.getKey()));
        }
    }
}
