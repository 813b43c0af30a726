package io.solcial.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.membership.ChainUnavailableException;
import io.solcial.store.Database;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRegistryTest {
    @TempDir
    Path dir;

    private static Ed25519PublicKey key(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        return Ed25519KeyPair.fromSeed(seed).publicKey();
    }

    @Test
    void registersWalletsAndCountsThemAsN() throws Exception {
        try (Database db = Database.inMemory(); LocalRegistry registry = new LocalRegistry(db)) {
            assertEquals(0L, registry.estimatedNetworkSize().join());
            assertTrue(registry.register(key(1)));
            assertTrue(registry.register(key(2)));
            assertFalse(registry.register(key(1)), "registering twice is a no-op");

            assertTrue(registry.isMember(key(1)).join());
            assertFalse(registry.isMember(key(3)).join());
            assertEquals(2L, registry.estimatedNetworkSize().join());

            assertTrue(registry.unregister(key(2)));
            assertFalse(registry.isMember(key(2)).join());
            assertEquals(1L, registry.estimatedNetworkSize().join());
        }
    }

    @Test
    void balancesArePerOwnerAndMintAndOverwrite() throws Exception {
        BigInteger big = SolanaRpc.U64_MAX;
        try (Database db = Database.inMemory(); LocalRegistry registry = new LocalRegistry(db)) {
            registry.setBalance(key(1), key(9), BigInteger.valueOf(150));
            registry.setBalance(key(1), key(8), big);
            assertEquals(BigInteger.valueOf(150), registry.tokenBalance(key(1), key(9)).join());
            assertEquals(big, registry.tokenBalance(key(1), key(8)).join());
            assertEquals(BigInteger.ZERO, registry.tokenBalance(key(2), key(9)).join());
            registry.setBalance(key(1), key(9), BigInteger.ZERO);
            assertEquals(BigInteger.ZERO, registry.tokenBalance(key(1), key(9)).join());
            assertThrows(IllegalArgumentException.class,
                    () -> registry.setBalance(key(1), key(9), big.add(BigInteger.ONE)));
        }
    }

    @Test
    void survivesRestartInFileMode() throws Exception {
        try (Database db = Database.openFile(dir); LocalRegistry registry = new LocalRegistry(db)) {
            registry.register(key(1));
            registry.setBalance(key(1), key(9), BigInteger.TEN);
        }
        try (Database db = Database.openFile(dir); LocalRegistry registry = new LocalRegistry(db)) {
            assertTrue(registry.isMember(key(1)).join());
            assertEquals(BigInteger.TEN, registry.tokenBalance(key(1), key(9)).join());
        }
    }

    @Test
    void closedDatabaseFailsLookupsAsUnavailable() throws Exception {
        Database db = Database.inMemory();
        try (LocalRegistry registry = new LocalRegistry(db)) {
            db.close();
            CompletionException e = assertThrows(CompletionException.class, () -> registry.isMember(key(1)).join());
            assertInstanceOf(ChainUnavailableException.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("local registry unavailable"), e.getCause().getMessage());
        }
    }
}
