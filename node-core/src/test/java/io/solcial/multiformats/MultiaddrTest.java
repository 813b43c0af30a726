package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultiaddrTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String QM = "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC";
    private static final String QM_HEX = "1220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b";
    /** The peer id of the all-zero Ed25519 seed (WIRE.md). */
    private static final String ED_ID = "12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN";
    private static final String ED_ID_CID = "bafzaajaiaejcao3ke66m5nvefvrkhkgqfjxq243fgikxohpciotdvqciugfvtwrj";
    private static final String ED_ID_HEX =
            "002408011220" + "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";

    /** Text and binary forms from WIRE.md, the multiaddr spec tests and implementations' test suites. */
    @ParameterizedTest
    @CsvSource({
        "/ip4/127.0.0.1/tcp/4901, 047f000001061325",
        "/ip4/192.0.2.42/tcp/443, 04c000022a0601bb",
        "/ip4/127.0.0.1/udp/1234, 047f000001910204d2",
        "/ip4/127.0.0.1/udp/0, 047f00000191020000",
        "/ip4/127.0.0.1/tcp/1234, 047f0000010604d2",
        "/ip4/127.0.0.1/tcp/12345, 047f000001063039",
        "/udp/65535, 9102ffff",
        "/tcp/65535, 06ffff",
        "/p2p-circuit, a202",
        "/ip6/2001:8a0:7ac5:4201:3ac9:86ff:fe31:7095, 29200108a07ac542013ac986fffe317095",
        "/ip6/::1/tcp/38539, 290000000000000000000000000000000106968b",
        "/ip4/1.2.3.4/udp/4001/quic-v1, 040102030491020fa1cd03",
        "/dns4/example.com/tcp/443, 360b6578616d706c652e636f6d0601bb",
        "/dns6/example.com/tcp/443, 370b6578616d706c652e636f6d0601bb",
        "/dns/example.com/udp/53, 350b6578616d706c652e636f6d91020035",
        "/ip4/127.0.0.1/p2p/" + QM + ", 047f000001a50322" + QM_HEX,
        "/ip4/127.0.0.1/p2p/" + QM + "/tcp/1234, 047f000001a50322" + QM_HEX + "0604d2",
        "/p2p/" + ED_ID + ", a50326" + ED_ID_HEX,
    })
    void textAndBinaryFormsMatchVectors(String text, String hex) {
        Multiaddr fromText = Multiaddr.parse(text);
        Multiaddr fromBytes = Multiaddr.decode(HEX.parseHex(hex));
        assertEquals(hex, HEX.formatHex(fromText.toBytes()));
        assertEquals(text, fromBytes.toString());
        assertEquals(fromText, fromBytes);
        assertEquals(fromText.hashCode(), fromBytes.hashCode());
    }

    @Test
    void exposesComponentsWithTextValues() {
        Multiaddr a = Multiaddr.parse("/ip4/127.0.0.1/udp/4001/quic-v1/p2p/" + ED_ID);
        List<Multiaddr.Component> cs = a.components();
        assertEquals(List.of(MultiaddrProtocol.IP4, MultiaddrProtocol.UDP, MultiaddrProtocol.QUIC_V1,
                MultiaddrProtocol.P2P), cs.stream().map(Multiaddr.Component::protocol).toList());
        assertEquals("127.0.0.1", cs.get(0).valueText());
        assertEquals("4001", cs.get(1).valueText());
        assertEquals("", cs.get(2).valueText());
        assertEquals(0, cs.get(2).value().length());
        assertEquals(ED_ID, cs.get(3).valueText());
        assertEquals("/udp/4001", cs.get(1).toString());
        assertThrows(UnsupportedOperationException.class, () -> cs.remove(0));
    }

    @Test
    void buildsFromComponents() {
        Multiaddr a = Multiaddr.of(Multiaddr.Component.parse(MultiaddrProtocol.IP4, "10.0.0.1"),
                Multiaddr.Component.parse(MultiaddrProtocol.TCP, "4001"));
        assertEquals(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001"), a);
    }

    @Test
    void parsesCidFormOfPeerIdAndPrintsBase58() {
        Multiaddr a = Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + ED_ID_CID);
        assertEquals("/ip4/1.2.3.4/tcp/1/p2p/" + ED_ID, a.toString());
        assertEquals(Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + ED_ID), a);
    }

    @Test
    void acceptsIpfsAsOldNameOfP2p() {
        assertEquals(Multiaddr.parse("/p2p/" + QM), Multiaddr.parse("/ipfs/" + QM));
        assertEquals("/p2p/" + QM, Multiaddr.parse("/ipfs/" + QM).toString());
    }

    @Test
    void rejectsP2pCidWithOtherCodec() {
        String rawCid = "bafkreidosxoao422hcvx6l5lvo7kfgy3ch2npojbw7y7dehpkae6qzuqc4";
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Multiaddr.parse("/p2p/" + rawCid));
        assertTrue(e.getMessage().contains("libp2p-key"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12D3KooW0", "QmNotBase58lI", "Qm", "xyz", "1"})
    void rejectsInvalidPeerIdText(String id) {
        assertThrows(InvalidMultiformatException.class, () -> Multiaddr.parse("/p2p/" + id));
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:DB8::A:b, 2001:db8::a:b",
        "2001:db8:0:0:1:0:0:0, 2001:db8:0:0:1::",
        "0:0:0:0:0:0:0:0, ::",
        "::, ::",
        "::0:1, ::1",
        "fe80:0::, fe80::",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::ffff:c000:201, ::ffff:192.0.2.1",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1::3:4:5:6:7:8, 1:0:3:4:5:6:7:8",
    })
    void printsIp6InRfc5952Form(String input, String canonical) {
        assertEquals("/ip6/" + canonical, Multiaddr.parse("/ip6/" + input).toString());
        assertEquals(Multiaddr.parse("/ip6/" + canonical), Multiaddr.parse("/ip6/" + input));
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::", "1:2:3:4:5:6:7",
        "::1.2.3", "::256.0.0.1", "1.2.3.4", "fe80::1%eth0", ":1::", "1::2:", "1:2:3:4:5:6:7:8::",
        "::1.2.3.4:5", "1.2.3.4::", "1:2:3:4:5:6:7::8", " ::1", "::1 ", "localhost"})
    void rejectsInvalidIp6(String ip) {
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Multiaddr.parse("/ip6/" + ip));
        assertTrue(e.getMessage().contains("ip6"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", "localhost",
        "example.com", "1..2.3", "0x7f.0.0.1", "1.2.3.4 ", "\u0661.2.3.4", "::1"})
    void rejectsInvalidIp4WithoutResolving(String ip) {
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Multiaddr.parse("/ip4/" + ip));
        assertTrue(e.getMessage().contains("ip4"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"65536", "-1", "+80", "080", "abc", "1e3", "99999999999", " 80", "\u0668\u0660"})
    void rejectsBadPorts(String port) {
        assertThrows(InvalidMultiformatException.class, () -> Multiaddr.parse("/tcp/" + port));
        assertThrows(InvalidMultiformatException.class, () -> Multiaddr.parse("/udp/" + port));
    }

    @Test
    void acceptsPortBounds() {
        assertEquals("/tcp/0", Multiaddr.parse("/tcp/0").toString());
        assertEquals("/tcp/65535", Multiaddr.parse("/tcp/65535").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ip4/1.2.3.4", "/ip4", "/ip4/1.2.3.4/", "//ip4/1.2.3.4", "/foo/1",
        "/tcp", "/p2p-circuit/x", "/dns4/", "/dns4//tcp/1", "/quic-v1/", "/ip4/1.2.3.4//tcp/1",
        "/IP4/1.2.3.4", "/dns4/a b", "/dns4/a\tb"})
    void rejectsMalformedText(String text) {
        assertThrows(InvalidMultiformatException.class, () -> Multiaddr.parse(text));
    }

    @Test
    void unknownProtocolNameIsNamedInMessage() {
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Multiaddr.parse("/ip4/1.2.3.4/sctp/5"));
        assertTrue(e.getMessage().contains("'sctp'"), e.getMessage());
    }

    @Test
    void rejectsOverlongDnsName() {
        String name = "a".repeat(MultiaddrValues.MAX_DNS_LENGTH + 1);
        assertThrows(InvalidMultiformatException.class, () -> Multiaddr.parse("/dns/" + name));
        assertEquals(MultiaddrValues.MAX_DNS_LENGTH + 3,
                Multiaddr.parse("/dns/" + "a".repeat(MultiaddrValues.MAX_DNS_LENGTH)).toBytes().length);
    }

    @Test
    void keepsUnicodeDnsNamesAsUtf8() {
        Multiaddr a = Multiaddr.parse("/dns/b\u00fccher.example");
        assertEquals("35" + "0f" + HEX.formatHex("b\u00fccher.example".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                HEX.formatHex(a.toBytes()));
        assertEquals(a, Multiaddr.decode(a.toBytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "047f0000",            // ip4 value truncated
        "0613",                // tcp port truncated
        "06",                  // tcp port missing
        "29000000",            // ip6 value truncated
        "ffff03",              // unknown protocol 0xffff
        "00",                  // unknown protocol 0
        "8400",                // non-minimal varint protocol code
        "047f00000180",        // truncated varint after a component
        "047f0000010613250a",  // trailing garbage: unknown code 0x0a
        "a50322" + "1220d52e", // p2p multihash shorter than its length prefix
        "a503031301ff",        // p2p value is not a supported multihash
        "a5030400010000",      // p2p multihash with a trailing byte
        "a5038080808008",      // p2p length prefix far beyond the input
        "3500",                // empty dns name
        "36012f",              // dns name containing '/'
        "3602c328",            // dns name that is not UTF-8
        "a2",                  // truncated protocol varint
        "cc03",                // draft-29 quic, not supported
    })
    void rejectsMalformedBinary(String hex) {
        assertThrows(InvalidMultiformatException.class, () -> Multiaddr.decode(HEX.parseHex(hex)));
    }

    @Test
    void truncationMessageSaysWhatIsMissing() {
        InvalidMultiformatException e = assertThrows(InvalidMultiformatException.class,
                () -> Multiaddr.decode(HEX.parseHex("047f0000")));
        assertTrue(e.getMessage().contains("truncated ip4"), e.getMessage());
    }

    @Test
    void componentRejectsWrongValueLength() {
        assertThrows(InvalidMultiformatException.class,
                () -> new Multiaddr.Component(MultiaddrProtocol.IP4, Bytes.of(new byte[3])));
        assertThrows(InvalidMultiformatException.class,
                () -> new Multiaddr.Component(MultiaddrProtocol.P2P_CIRCUIT, Bytes.of(new byte[1])));
        assertThrows(InvalidMultiformatException.class,
                () -> Multiaddr.Component.parse(MultiaddrProtocol.QUIC_V1, "x"));
    }

    @Test
    void emptyMultiaddrRoundTrips() {
        assertSame(Multiaddr.empty(), Multiaddr.parse("/"));
        assertSame(Multiaddr.empty(), Multiaddr.decode(new byte[0]));
        assertEquals("/", Multiaddr.empty().toString());
        assertTrue(Multiaddr.empty().isEmpty());
    }

    @Test
    void encapsulatesAndDecapsulates() {
        Multiaddr transport = Multiaddr.parse("/ip4/127.0.0.1/tcp/4901");
        Multiaddr peer = Multiaddr.parse("/p2p/" + ED_ID);
        Multiaddr full = transport.encapsulate(peer);
        assertEquals("/ip4/127.0.0.1/tcp/4901/p2p/" + ED_ID, full.toString());
        assertEquals(transport, full.decapsulate(peer));
        assertEquals(Multiaddr.parse("/ip4/127.0.0.1"), full.decapsulate(Multiaddr.parse("/tcp/4901")));
        assertEquals(Multiaddr.parse("/ip4/127.0.0.1"), full.decapsulate(MultiaddrProtocol.TCP));
        assertSame(full, full.decapsulate(Multiaddr.parse("/tcp/1")));
        assertSame(full, full.decapsulate(MultiaddrProtocol.UDP));
        assertSame(full, full.decapsulate(Multiaddr.empty()));
    }

    @Test
    void decapsulateCutsAtLastOccurrence() {
        Multiaddr a = Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + QM + "/p2p-circuit/p2p/" + ED_ID);
        assertEquals(Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + QM + "/p2p-circuit"),
                a.decapsulate(MultiaddrProtocol.P2P));
        assertEquals(Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + QM), a.decapsulate(MultiaddrProtocol.P2P_CIRCUIT));
    }

    @Test
    void readsTrailingPeerId() {
        Multiaddr a = Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + ED_ID);
        assertEquals(ED_ID_HEX, HEX.formatHex(a.peerIdMultihash().orElseThrow().toBytes()));
        assertEquals(Multiaddr.parse("/ip4/1.2.3.4/tcp/1"), a.withoutPeerId());
        Multiaddr bare = Multiaddr.parse("/ip4/1.2.3.4/tcp/1");
        assertTrue(bare.peerIdMultihash().isEmpty());
        assertSame(bare, bare.withoutPeerId());
        assertTrue(Multiaddr.empty().peerIdMultihash().isEmpty());
    }

    @Test
    void circuitAddressPeerIdIsTheTarget() {
        Multiaddr a = Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + QM + "/p2p-circuit/p2p/" + ED_ID);
        assertTrue(a.isRelayed());
        assertEquals(ED_ID, Base58.encode(a.peerIdMultihash().orElseThrow().toBytes()));
        Multiaddr relayOnly = a.withoutPeerId();
        assertTrue(relayOnly.peerIdMultihash().isEmpty(), "ends with p2p-circuit, so no target peer id");
        assertFalse(Multiaddr.parse("/ip4/1.2.3.4/tcp/1").isRelayed());
    }

    @Test
    void givesTcpSocketAddressForIpAndDns() {
        InetSocketAddress v4 = Multiaddr.parse("/ip4/127.0.0.1/tcp/4901/p2p/" + ED_ID).tcpSocketAddress().orElseThrow();
        assertEquals("127.0.0.1", v4.getAddress().getHostAddress());
        assertEquals(4901, v4.getPort());
        InetSocketAddress v6 = Multiaddr.parse("/ip6/::1/tcp/80").tcpSocketAddress().orElseThrow();
        assertEquals(16, v6.getAddress().getAddress().length);
        assertTrue(v6.getAddress().isLoopbackAddress());
        InetSocketAddress dns = Multiaddr.parse("/dns4/example.com/tcp/443").tcpSocketAddress().orElseThrow();
        assertTrue(dns.isUnresolved());
        assertEquals("example.com", dns.getHostString());
        assertEquals(443, dns.getPort());
    }

    @Test
    void hasNoTcpSocketAddressForOtherShapes() {
        assertTrue(Multiaddr.parse("/ip4/1.2.3.4/udp/1/quic-v1").tcpSocketAddress().isEmpty());
        assertTrue(Multiaddr.parse("/ip4/1.2.3.4").tcpSocketAddress().isEmpty());
        assertTrue(Multiaddr.parse("/tcp/1/tcp/2").tcpSocketAddress().isEmpty());
        assertTrue(Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + QM + "/p2p-circuit/p2p/" + ED_ID)
                .tcpSocketAddress().isEmpty());
        assertTrue(Multiaddr.empty().tcpSocketAddress().isEmpty());
    }

    @Test
    void equalityFollowsBinaryForm() {
        assertEquals(Multiaddr.parse("/ip6/0:0::1/tcp/1"), Multiaddr.parse("/ip6/::1/tcp/1"));
        assertNotEquals(Multiaddr.parse("/ip4/1.2.3.4/tcp/1"), Multiaddr.parse("/ip4/1.2.3.4/udp/1"));
        assertNotEquals(Multiaddr.parse("/dns4/a.example"), Multiaddr.parse("/dns6/a.example"));
    }

    @Test
    void toBytesReturnsACopy() {
        Multiaddr a = Multiaddr.parse("/ip4/127.0.0.1/tcp/4901");
        byte[] b = a.toBytes();
        b[1] = 0;
        assertEquals("047f000001061325", HEX.formatHex(a.toBytes()));
    }

    @Test
    void protocolsLookUpByCodeAndName() {
        // quic-v1 is 0x01cd (varint cd03); 0x01cc is the draft-29 "quic", which we do not speak
        assertEquals(MultiaddrProtocol.QUIC_V1, MultiaddrProtocol.forCode(0x01cd).orElseThrow());
        assertTrue(MultiaddrProtocol.forCode(0x01cc).isEmpty());
        assertEquals(MultiaddrProtocol.P2P_CIRCUIT, MultiaddrProtocol.forName("p2p-circuit").orElseThrow());
        assertTrue(MultiaddrProtocol.forCode(0x01bb).isEmpty());
        assertTrue(MultiaddrProtocol.forName("P2P").isEmpty());
    }
}
