package io.solcial.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.InvalidMultiformatException;
import io.solcial.multiformats.Multicodec;
import io.solcial.multiformats.Multihash;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerIdTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ZERO_PUB = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";
    private static final String ZERO_ID = "12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN";
    private static final String ZERO_ID_CID = "bafzaajaiaejcao3ke66m5nvefvrkhkgqfjxq243fgikxohpciotdvqciugfvtwrj";
    /** peer-ids spec test vectors: Ed25519 private and public key protobufs. */
    private static final String SPEC_PRIVATE = "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
            + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private static final String SPEC_PUBLIC = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";

    @Test
    void allZeroSeedGivesJsPeerIdInBothForms() {
        PeerId id = Ed25519KeyPair.fromSeed(new byte[32]).peerId();
        assertEquals(ZERO_ID, id.toString());
        assertEquals(ZERO_ID_CID, id.toCidString());
        assertEquals("0024080112" + "20" + ZERO_PUB, HEX.formatHex(id.toBytes()));
        assertEquals(Multicodec.IDENTITY, id.multihash().code());
    }

    @Test
    void parsesBase58AndCidForms() {
        PeerId expected = Ed25519PublicKey.of(HEX.parseHex(ZERO_PUB)).peerId();
        assertEquals(expected, PeerId.parse(ZERO_ID));
        assertEquals(expected, PeerId.parse(ZERO_ID_CID));
        assertEquals(expected, PeerId.fromBytes(expected.toBytes()));
    }

    @Test
    void inlinedPublicKeyIsRecovered() {
        PeerId id = PeerId.parse(ZERO_ID_CID);
        assertEquals(ZERO_PUB, HEX.formatHex(id.publicKey().orElseThrow().toByteArray()));
    }

    @Test
    void decodesSpecPublicKeyVector() {
        Ed25519PublicKey key = Ed25519PublicKey.fromProtobuf(HEX.parseHex(SPEC_PUBLIC));
        assertEquals(SPEC_PUBLIC.substring(8), HEX.formatHex(key.toByteArray()));
        assertEquals(SPEC_PUBLIC, HEX.formatHex(key.toProtobuf()));
        PeerId id = key.peerId();
        assertTrue(id.toString().startsWith("12D3KooW"), id.toString());
        assertEquals(key, PeerId.parse(id.toString()).publicKey().orElseThrow());
    }

    @Test
    void specPrivateKeyVectorMatchesItsPublicKey() {
        byte[] priv = HEX.parseHex(SPEC_PRIVATE);
        assertEquals("08011240", HEX.formatHex(priv, 0, 4));
        byte[] seed = java.util.Arrays.copyOfRange(priv, 4, 36);
        Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(seed);
        assertEquals(SPEC_PUBLIC, HEX.formatHex(kp.publicKey().toProtobuf()));
        assertEquals(HEX.formatHex(priv, 4, 68), HEX.formatHex(kp.secretKey64()));
    }

    @Test
    void sha256PeerIdHasNoInlinedKey() {
        String qm = "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC";
        PeerId id = PeerId.parse(qm);
        assertEquals(Multicodec.SHA2_256, id.multihash().code());
        assertTrue(id.publicKey().isEmpty());
        assertEquals(qm, id.toString());
    }

    @Test
    void identityPeerIdOfNonKeyHasNoPublicKey() {
        PeerId id = new PeerId(Multihash.identity(new byte[] {1, 2, 3}));
        assertTrue(id.publicKey().isEmpty());
    }

    @Test
    void rejectsCidWithOtherCodec() {
        InvalidMultiformatException e = assertThrows(InvalidMultiformatException.class,
                () -> PeerId.parse("bafkreidosxoao422hcvx6l5lvo7kfgy3ch2npojbw7y7dehpkae6qzuqc4"));
        assertTrue(e.getMessage().contains("libp2p-key"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12D3KooW0", "1", "Qm", "xyz", "bafzaajaiaejcao3ke66m5nvefvrkhkgqfjxq243fgikxohpciotdvqciugfvtwr"})
    void rejectsMalformedText(String text) {
        assertThrows(InvalidMultiformatException.class, () -> PeerId.parse(text));
    }

    @Test
    void rejectsNonEd25519Protobuf() {
        byte[] secp = HEX.parseHex("08021221" + "02" + "00".repeat(32));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromProtobuf(secp));
        byte[] wrongType = HEX.parseHex("08021220" + ZERO_PUB);
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromProtobuf(wrongType));
    }
}
