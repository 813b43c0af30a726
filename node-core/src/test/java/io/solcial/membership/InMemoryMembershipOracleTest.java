package io.solcial.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import java.math.BigInteger;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class InMemoryMembershipOracleTest {
    private static Ed25519PublicKey key(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        return Ed25519KeyPair.fromSeed(seed).publicKey();
    }

    @Test
    void answersRegistrationSizeAndBalances() {
        InMemoryMembershipOracle oracle = new InMemoryMembershipOracle().register(key(1)).register(key(2))
                .setBalance(key(1), key(9), BigInteger.TEN);

        assertTrue(oracle.isMember(key(1)).join());
        assertFalse(oracle.isMember(key(3)).join());
        assertEquals(2L, oracle.estimatedNetworkSize().join());
        assertEquals(BigInteger.TEN, oracle.tokenBalance(key(1), key(9)).join());
        assertEquals(BigInteger.ZERO, oracle.tokenBalance(key(2), key(9)).join());
        assertEquals(500L, oracle.setNetworkSize(500).estimatedNetworkSize().join());
    }

    @Test
    void offlineFailsEveryLookupUntilRecovered() {
        InMemoryMembershipOracle oracle = new InMemoryMembershipOracle().register(key(1)).goOffline();

        CompletionException e = assertThrows(CompletionException.class, () -> oracle.isMember(key(1)).join());
        assertInstanceOf(ChainUnavailableException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("unreachable"));
        assertTrue(oracle.recover().isMember(key(1)).join());
    }

    @Test
    void refusesNegativeBalances() {
        assertThrows(IllegalArgumentException.class,
                () -> new InMemoryMembershipOracle().setBalance(key(1), key(2), BigInteger.valueOf(-1)));
    }
}
