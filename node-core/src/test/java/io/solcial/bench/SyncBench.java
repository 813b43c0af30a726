package io.solcial.bench;

import io.solcial.exchange.sync.LogSync;
import io.solcial.exchange.sync.SyncPeer;
import io.solcial.identity.Ed25519KeyPair;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * HEAD sync of one long profile from one peer over loopback (Noise + Yamux, bitswap, H2 stores on
 * both sides): entries/s for the whole sync (HEAD listing, fetch, validation, storing). Arguments:
 * {@code [entries]} (default 10000). Target (issue 6): ≥ 2,000 entries/s.
 */
public final class SyncBench {
    private SyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Ed25519KeyPair author = Ed25519KeyPair.generate();
        try (SyncPeer seeder = new SyncPeer(); SyncPeer reader = new SyncPeer()) {
            long t0 = System.nanoTime();
            seeder.write(author, List.of(), n);
            long writeNs = System.nanoTime() - t0;
            reader.host.connect(seeder.address()).get(10, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            LogSync.Result r = reader.sync.syncFrom(seeder.host.peerId(), author.publicKey(), p -> { });
            long syncNs = System.nanoTime() - t1;
            if (r.added() != n) {
                throw new IllegalStateException("synced " + r.added() + " of " + n);
            }
            System.out.printf(Locale.ROOT, "write %d entries (sign + store): %.0f entries/s%n", n, n / (writeNs / 1e9));
            System.out.printf(Locale.ROOT, "sync  %d entries from one peer:  %.0f entries/s (%.2f s; target >= 2000/s)%n",
                    n, n / (syncNs / 1e9), syncNs / 1e9);
        }
    }
}
