package io.solcial.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multibase;
import io.solcial.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DagPbTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Block RAW_CHILD =
            Block.create(Multicodec.RAW, "hello raw block from js helia\n".getBytes(StandardCharsets.UTF_8));
    /** WIRE.md vector: {Data "hello dag-pb", one link Name "child" → the raw block, Tsize 30}, made by js. */
    private static final String JS_NODE_HEX = "122f0a24015512206e95dc07735a38ab7f2fababbea29b1b11f4d7b921b7f1f190ef50"
            + "09e866901712056368696c64181e0a0c68656c6c6f206461672d7062";

    @Test
    void encodesTheJsVectorByteForByte() {
        PbNode node = PbNode.of(List.of(PbLink.of(RAW_CHILD.cid(), "child", 30)), bytes("hello dag-pb"));
        Block block = DagPb.toBlock(node);
        assertEquals("bafkreidosxoao422hcvx6l5lvo7kfgy3ch2npojbw7y7dehpkae6qzuqc4", RAW_CHILD.cid().toString());
        assertEquals(JS_NODE_HEX, block.data().toHex());
        assertEquals("bafybeif6lyez5hqjvk5i4u7qyfdb6psbofbebjlh3qbaluols6ddea5xqq", block.cid().toString());
        assertEquals("Qmb9mLe4vw5UUHjt5hhBAhL4Mz5LDfLpZezcfbpCkdLqG7",
                Cid.v0(block.cid().multihash()).toString(Multibase.BASE58_BTC));
    }

    @Test
    void decodesTheJsVector() throws Exception {
        PbNode node = DagPb.decode(HEX.parseHex(JS_NODE_HEX));
        assertEquals(1, node.links().size());
        PbLink link = node.links().get(0);
        assertEquals(RAW_CHILD.cid(), link.hash());
        assertEquals(Optional.of("child"), link.name());
        assertEquals(OptionalLong.of(30), link.tsize());
        assertEquals(Optional.of(Bytes.of(bytes("hello dag-pb"))), node.data());
    }

    @Test
    void emptyBlockHasTheSpecCids() throws Exception {
        Block empty = DagPb.toBlock(new PbNode(List.of(), Optional.empty()));
        assertEquals(0, empty.size());
        assertEquals("bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", empty.cid().toString());
        PbNode decoded = DagPb.decode(new byte[0]);
        assertTrue(decoded.links().isEmpty());
        assertTrue(decoded.data().isEmpty());
    }

    @Test
    void encoderSortsLinksByNameBytesStably() throws Exception {
        Cid a = Block.create(Multicodec.RAW, bytes("a")).cid();
        Cid b = Block.create(Multicodec.RAW, bytes("b")).cid();
        Cid c = Block.create(Multicodec.RAW, bytes("c")).cid();
        PbNode node = new PbNode(List.of(PbLink.of(c, "z", 1), PbLink.of(a, "", 1), PbLink.of(b, "", 1),
                new PbLink(c, Optional.empty(), OptionalLong.empty())), Optional.empty());
        List<PbLink> decoded = DagPb.decode(DagPb.encode(node)).links();
        assertEquals(List.of(a, b, c, c), decoded.stream().map(PbLink::hash).toList());
        assertEquals(Optional.of("z"), decoded.get(3).name());
    }

    @Test
    void roundTripsAbsentAndEmptyFieldsDistinctly() throws Exception {
        PbNode node = new PbNode(List.of(new PbLink(RAW_CHILD.cid(), Optional.of(""), OptionalLong.of(0))),
                Optional.of(Bytes.EMPTY));
        byte[] encoded = DagPb.encode(node);
        assertEquals(node, DagPb.decode(encoded));
        assertArrayEquals(encoded, DagPb.encode(DagPb.decode(encoded)));
    }

    @Test
    void acceptsDataBeforeLinks() throws Exception {
        // Data (field 1) first, then the link: an older but valid form.
        String link = JS_NODE_HEX.substring(0, 2 + 2 + 0x2f * 2);
        String data = JS_NODE_HEX.substring(link.length());
        PbNode node = DagPb.decode(HEX.parseHex(data + link));
        assertEquals(1, node.links().size());
        assertTrue(node.data().isPresent());
    }

    @Test
    void rejectsLinksInterleavedWithData() {
        String link = JS_NODE_HEX.substring(0, 2 + 2 + 0x2f * 2);
        String data = JS_NODE_HEX.substring(link.length());
        assertRejected(link + data + link, "interleaved");
    }

    @Test
    void rejectsDuplicateData() {
        assertRejected("0a01610a0162", "duplicate Data");
    }

    @Test
    void rejectsUnknownNodeField() {
        assertRejected("1a0100", "unknown PBNode field 3");
    }

    @Test
    void rejectsWrongWireType() {
        assertRejected("0801", "wire type 0");
    }

    @Test
    void rejectsLinkWithoutHash() {
        assertRejected("1203120161", "without Hash");
    }

    @Test
    void rejectsOutOfOrderLinkFields() {
        String cid = RAW_CHILD.cid().toBytes().length == 36 ? HEX.formatHex(RAW_CHILD.cid().toBytes()) : "";
        // Name (field 2) before Hash (field 1)
        String body = "120161" + "0a24" + cid;
        assertRejected("12" + String.format("%02x", body.length() / 2) + body, "out of order");
    }

    @Test
    void rejectsDuplicateLinkField() {
        String cid = HEX.formatHex(RAW_CHILD.cid().toBytes());
        String body = "0a24" + cid + "0a24" + cid;
        assertRejected("12" + String.format("%02x", body.length() / 2) + body, "duplicate PBLink field 1");
    }

    @Test
    void rejectsHashThatIsNotACid() {
        assertRejected("1204" + "0a020102", "not a CID");
    }

    @Test
    void rejectsNameThatIsNotUtf8() {
        String cid = HEX.formatHex(RAW_CHILD.cid().toBytes());
        String body = "0a24" + cid + "1201ff";
        assertRejected("12" + String.format("%02x", body.length() / 2) + body, "UTF-8");
    }

    @Test
    void rejectsTruncatedInput() {
        assertRejected(JS_NODE_HEX.substring(0, JS_NODE_HEX.length() - 2), "truncated");
        assertRejected("0a", "truncated");
    }

    @Test
    void rejectsNonMinimalVarints() {
        assertRejected("0a8000", "non-minimal");
    }

    @Test
    void linksOfRawBlockAreEmptyAndOfDagPbAreItsLinks() throws Exception {
        assertEquals(List.of(), DagPb.links(RAW_CHILD));
        Block node = DagPb.toBlock(PbNode.of(List.of(PbLink.of(RAW_CHILD.cid(), "", 30)), new byte[0]));
        assertEquals(List.of(RAW_CHILD.cid()), DagPb.links(node));
    }

    @Test
    void decodingARawBlockAsDagPbIsRefused() {
        BlockFormatException e = assertThrows(BlockFormatException.class, () -> DagPb.decode(RAW_CHILD));
        assertTrue(e.getMessage().contains("not a dag-pb block"), e.getMessage());
    }

    private static void assertRejected(String hex, String reason) {
        BlockFormatException e = assertThrows(BlockFormatException.class, () -> DagPb.decode(HEX.parseHex(hex)));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
