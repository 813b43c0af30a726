package io.solcial.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.Base58;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class Ed25519KeyPairTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MESSAGE = "a signed post".getBytes(StandardCharsets.UTF_8);

    /** RFC 8032 section 7.1, TEST 1: the empty message. */
    @Test
    void matchesRfc8032TestVector1() {
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                HEX.formatHex(kp.publicKey().toByteArray()));
        byte[] sig = kp.sign(new byte[0]);
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                HEX.formatHex(sig));
        assertTrue(kp.publicKey().verify(new byte[0], sig));
    }

    /** RFC 8032 section 7.1, TEST 2: a one-byte message. */
    @Test
    void matchesRfc8032TestVector2() {
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(
                HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        assertEquals("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                HEX.formatHex(kp.publicKey().toByteArray()));
        assertEquals("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
                HEX.formatHex(kp.sign(new byte[] {0x72})));
    }

    @Test
    void allZeroSeedGivesKnownPublicKey() {
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(new byte[32]);
        assertEquals("3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29",
                HEX.formatHex(kp.publicKey().toByteArray()));
        assertEquals("12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN", kp.peerId().toString());
    }

    @Test
    void signatureVerifiesUnderOwnKeyOnly() {
        Ed25519KeyPair a = Ed25519KeyPair.generate(new SecureRandom());
        Ed25519KeyPair b = Ed25519KeyPair.generate(new SecureRandom());
        byte[] sig = a.sign(MESSAGE);
        assertEquals(Ed25519PublicKey.SIGNATURE_LENGTH, sig.length);
        assertTrue(a.publicKey().verify(MESSAGE, sig));
        assertFalse(b.publicKey().verify(MESSAGE, sig));
        assertArrayEquals(sig, a.signBytes(MESSAGE).toByteArray(), "Ed25519 signing is deterministic");
    }

    @Test
    void verifyFailsForTamperedMessage() {
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(new byte[32]);
        byte[] sig = kp.sign(MESSAGE);
        byte[] tampered = MESSAGE.clone();
        tampered[0] ^= 1;
        assertFalse(kp.publicKey().verify(tampered, sig));
        assertFalse(kp.publicKey().verify(new byte[0], sig));
    }

    @Test
    void verifyFailsForTamperedSignature() {
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(new byte[32]);
        byte[] sig = kp.sign(MESSAGE);
        for (int i : new int[] {0, 31, 32, 63}) {
            byte[] bad = sig.clone();
            bad[i] ^= 0x40;
            assertFalse(kp.publicKey().verify(MESSAGE, bad), "flipped byte " + i);
        }
    }

    @Test
    void verifyReturnsFalseForWrongSignatureLength() {
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(new byte[32]);
        byte[] sig = kp.sign(MESSAGE);
        assertFalse(kp.publicKey().verify(MESSAGE, java.util.Arrays.copyOf(sig, 63)));
        assertFalse(kp.publicKey().verify(MESSAGE, java.util.Arrays.copyOf(sig, 65)));
        assertFalse(kp.publicKey().verify(MESSAGE, new byte[0]));
    }

    @Test
    void addressIsBase58OfPublicKey() {
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(new byte[32]);
        String address = kp.publicKey().address();
        assertEquals(Base58.encode(kp.publicKey().toByteArray()), address);
        assertEquals("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS", address);
        assertEquals(kp.publicKey(), Ed25519PublicKey.fromAddress(address));
    }

    @Test
    void toStringNeverContainsTheSeed() {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(seed);
        String s = kp.toString();
        assertFalse(s.toLowerCase(Locale.ROOT).contains(HEX.formatHex(seed)));
        assertFalse(s.contains(Base58.encode(seed)));
        assertFalse(s.contains(Base58.encode(kp.secretKey64())));
        assertTrue(s.contains(kp.publicKey().address()));
    }

    @Test
    void secretKey64IsSeedThenPublicKey() {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(seed);
        assertEquals(HEX.formatHex(seed) + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                HEX.formatHex(kp.secretKey64()));
    }

    @Test
    void seedIsCopiedInAndOut() {
        byte[] seed = new byte[32];
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(seed);
        seed[0] = 1;
        assertArrayEquals(new byte[32], kp.seed());
        kp.seed()[0] = 1;
        assertArrayEquals(new byte[32], kp.seed());
        assertEquals(Ed25519KeyPair.fromSeed(new byte[32]).publicKey(), kp.publicKey());
    }

    @Test
    void rejectsSeedOfWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519KeyPair.fromSeed(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519KeyPair.fromSeed(new byte[64]));
    }

    @Test
    void equalKeyPairsShareSeed() {
        assertEquals(Ed25519KeyPair.fromSeed(new byte[32]), Ed25519KeyPair.fromSeed(new byte[32]));
        assertEquals(Ed25519KeyPair.fromSeed(new byte[32]).hashCode(),
                Ed25519KeyPair.fromSeed(new byte[32]).hashCode());
        assertNotEquals(Ed25519KeyPair.fromSeed(new byte[32]), Ed25519KeyPair.generate());
    }

    @Test
    void rejectsMalformedPublicKeys() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.of(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromAddress("11111111"));
    }
}
