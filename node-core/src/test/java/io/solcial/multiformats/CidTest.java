package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RAW_BLOCK = "hello raw block from js helia\n".getBytes(StandardCharsets.UTF_8);
    private static final String RAW_CID = "bafkreidosxoao422hcvx6l5lvo7kfgy3ch2npojbw7y7dehpkae6qzuqc4";
    private static final String EMPTY_PB_V1 = "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final String EMPTY_PB_V0 = "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n";
    /** WIRE.md: dag-pb node {Data "hello dag-pb", link "child" -> RAW_CID, Tsize 30}. */
    private static final String PB_NODE_HEX = "122f0a24015512206e95dc07735a38ab7f2fababbea29b1b11f4d7b921b7f1f1"
            + "90ef5009e866901712056368696c64181e0a0c68656c6c6f206461672d7062";

    @Test
    void rawBlockHasJsHeliaCid() {
        Cid cid = Cid.of(Multicodec.RAW, RAW_BLOCK);
        assertEquals(RAW_CID, cid.toString());
        assertEquals(cid, Cid.parse(RAW_CID));
        assertTrue(cid.matches(RAW_BLOCK));
        assertEquals("01551220", HEX.formatHex(cid.toBytes()).substring(0, 8));
    }

    @Test
    void emptyDagPbBlockHasKnownCids() {
        Cid v1 = Cid.of(Multicodec.DAG_PB, new byte[0]);
        assertEquals(EMPTY_PB_V1, v1.toString());
        Cid v0 = Cid.v0(Multihash.sha256(new byte[0]));
        assertEquals(EMPTY_PB_V0, v0.toString());
        assertEquals(v0, Cid.parse(EMPTY_PB_V0));
        assertEquals(v1, Cid.parse(EMPTY_PB_V1));
    }

    @Test
    void dagPbNodeVectorFromWire() {
        byte[] node = HEX.parseHex(PB_NODE_HEX);
        assertEquals("bafybeif6lyez5hqjvk5i4u7qyfdb6psbofbebjlh3qbaluols6ddea5xqq",
                Cid.of(Multicodec.DAG_PB, node).toString());
        assertEquals("Qmb9mLe4vw5UUHjt5hhBAhL4Mz5LDfLpZezcfbpCkdLqG7",
                Cid.v0(Multihash.sha256(node)).toString());
    }

    @Test
    void convertsV0ToV1() {
        Cid v0 = Cid.parse(EMPTY_PB_V0);
        assertEquals(0, v0.version());
        Cid v1 = v0.toV1();
        assertEquals(1, v1.version());
        assertEquals(Multicodec.DAG_PB, v1.codec());
        assertEquals(v0.multihash(), v1.multihash());
        assertEquals(EMPTY_PB_V1, v1.toString());
        assertEquals(v1, v1.toV1());
    }

    @Test
    void v0BinaryIsTheBareMultihash() {
        Cid v0 = Cid.parse(EMPTY_PB_V0);
        assertEquals(34, v0.toBytes().length);
        assertEquals("1220", HEX.formatHex(v0.toBytes()).substring(0, 4));
        assertEquals(v0, Cid.decode(v0.toBytes()));
    }

    @Test
    void roundTripsBinaryAndOtherBases() {
        Cid cid = Cid.parse(RAW_CID);
        assertEquals(cid, Cid.decode(cid.toBytes()));
        String z = cid.toString(Multibase.BASE58_BTC);
        assertEquals('z', z.charAt(0));
        assertEquals(cid, Cid.parse(z));
        assertEquals(cid, Cid.parse(cid.toString(Multibase.BASE32_UPPER)));
        assertEquals(cid, Cid.parse(cid.toString(Multibase.BASE16)));
        assertEquals(EMPTY_PB_V0, Cid.parse(EMPTY_PB_V0).toString(Multibase.BASE32));
    }

    @Test
    void rejectsMultibaseValueStartingWithSha256Code() {
        byte[] v0 = Cid.parse(EMPTY_PB_V0).toBytes();
        InvalidMultiformatException e = assertThrows(InvalidMultiformatException.class,
                () -> Cid.parse(Multibase.BASE58_BTC.encode(v0)));
        assertTrue(e.getMessage().contains("version 0"), e.getMessage());
        assertThrows(InvalidMultiformatException.class, () -> Cid.parse(Multibase.BASE32.encode(v0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"02", "03", "00"})
    void rejectsUnknownVersion(String version) {
        byte[] bytes = HEX.parseHex(version + "55" + HEX.formatHex(Multihash.sha256(RAW_BLOCK).toBytes()));
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Cid.decode(bytes));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
        assertThrows(InvalidMultiformatException.class, () -> Cid.parse(Multibase.BASE32.encode(bytes)));
    }

    @Test
    void rejectsUnknownCodec() {
        byte[] bytes = HEX.parseHex("0156" + HEX.formatHex(Multihash.sha256(RAW_BLOCK).toBytes()));
        InvalidMultiformatException e = assertThrows(InvalidMultiformatException.class, () -> Cid.decode(bytes));
        assertTrue(e.getMessage().contains("codec"), e.getMessage());
        assertThrows(InvalidMultiformatException.class, () -> Cid.v1(0x0300, Multihash.sha256(RAW_BLOCK)));
    }

    @Test
    void rejectsV0WithOtherCodecOrHash() {
        assertThrows(InvalidMultiformatException.class,
                () -> new Cid(0, Multicodec.RAW, Multihash.sha256(RAW_BLOCK)));
        assertThrows(InvalidMultiformatException.class, () -> Cid.v0(Multihash.identity(RAW_BLOCK)));
    }

    @Test
    void rejectsTruncatedAndTrailingBytes() {
        byte[] good = Cid.parse(RAW_CID).toBytes();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThrows(InvalidMultiformatException.class, () -> Cid.decode(truncated));
        assertThrows(InvalidMultiformatException.class, () -> Cid.decode(trailing));
        assertThrows(InvalidMultiformatException.class, () -> Cid.decode(HEX.parseHex("1221" + "00".repeat(33))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "b", "Qm", "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR10",
        "bafkreidosxoao422hcvx6l5lvo7kfgy3ch2npojbw7y7dehpkae6qzuqc", "mAVUSIG6V"})
    void rejectsMalformedText(String text) {
        assertThrows(InvalidMultiformatException.class, () -> Cid.parse(text));
    }

    @Test
    void readsOneCidAndLeavesTheRest() {
        byte[] a = Cid.parse(RAW_CID).toBytes();
        byte[] b = Cid.parse(EMPTY_PB_V0).toBytes();
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        ByteReader in = new ByteReader(both);
        assertEquals(Cid.parse(RAW_CID), Cid.read(in));
        assertEquals(Cid.parse(EMPTY_PB_V0), Cid.read(in));
        assertFalse(in.hasRemaining());
    }

    @Test
    void ordersByBinaryForm() {
        Cid v0 = Cid.parse(EMPTY_PB_V0);
        Cid v1 = Cid.parse(RAW_CID);
        assertTrue(v1.compareTo(v0) < 0, "01… sorts before 12…");
        assertEquals(0, v1.compareTo(Cid.parse(RAW_CID)));
    }
}
