package io.solcial.log;

import static io.solcial.log.LogFixtures.T0;
import static io.solcial.log.LogFixtures.clockAt;
import static io.solcial.log.LogFixtures.key;
import static io.solcial.log.LogFixtures.rawCid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.content.Block;
import io.solcial.content.DagPb;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryCodecTest {
    private static final Ed25519KeyPair ZERO_KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final Cid GOLDEN_CONTENT = Cid.parse("bafkreibqvi32ai7xa5hzmuzq3zp7k6pnsuq6g7jv2ywehvd5jwirin6a4e");
    private static final String GOLDEN_JSON = "{\"action\":\"append-feed-post\","
            + "\"author\":\"4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS\","
            + "\"params\":{\"content\":\"bafkreibqvi32ai7xa5hzmuzq3zp7k6pnsuq6g7jv2ywehvd5jwirin6a4e\"},"
            + "\"prev\":[],\"seq\":1,"
            + "\"signature\":\"KyocDVe1lAvl6kqxJ96jrxHkqtiTPH0HCzpS0h7SoEZDLeZ4KPBGklXGON0KDfgXvadhwCXOUD0S7TSDH4dSBQ==\","
            + "\"timestamp\":1700000000000,\"v\":1}";
    private static final String GOLDEN_BLOCK_HEX = "12350a240155122030aa37a023f7074f965330de5ff579ed9521e37d35d62c43d47d4d911437c0e1120d706172616d2f" +
            "636f6e74656e740ac1027b22616374696f6e223a22617070656e642d666565642d706f7374222c22617574686f72223a" +
            "22347a7677526a58554b476676776e5061727348415333487553567a56356341344d637068676d6f4374616a53222c22" +
            "706172616d73223a7b22636f6e74656e74223a226261666b726569627176693332616937786135687a6d757a71337a70" +
            "376b36706e7375713667376a7632797765687664356a776972696e36613465227d2c2270726576223a5b5d2c22736571" +
            "223a312c227369676e6174757265223a224b796f63445665316c41766c366b71784a39366a7278486b71746954504830" +
            "48437a7053306837536f455a444c655a344b5042476b6c58474f4e304b44666758766164687743584f55443053375453" +
            "444834645342513d3d222c2274696d657374616d70223a313730303030303030303030302c2276223a317d";
    private static final String GOLDEN_CID = "bafybeifnfghiwh5djyu5o3iapf6afncmpwqqf7q3j4pmqkpclqraxt5jcy";

    private final EntryWriter writer = new EntryWriter(key(7), clockAt(T0));

    @Test
    void goldenVectorHasAFixedCid() throws Exception {
        assertEquals(GOLDEN_CONTENT, rawCid("solcial golden vector"));
        LogEntry e = new EntryWriter(ZERO_KEY, clockAt(T0))
                .append(List.of(), Action.APPEND_FEED_POST, LogFixtures.content(GOLDEN_CONTENT));
        Block block = EntryCodec.encode(e.entry());
        assertEquals(GOLDEN_CID, block.cid().toString());
        assertEquals(GOLDEN_CID, e.cid().toString());
        assertEquals(GOLDEN_BLOCK_HEX, block.data().toHex());
        assertEquals(GOLDEN_JSON, new String(DagPb.decode(block).data().orElseThrow().toByteArray(),
                StandardCharsets.UTF_8));
        assertEquals(1, DagPb.decode(block).links().size());
        assertEquals("param/content", DagPb.decode(block).links().get(0).name().orElseThrow());
    }

    @Test
    void signingBytesAreDomainThenJsonWithoutSignature() {
        LogEntry e = new EntryWriter(ZERO_KEY, clockAt(T0))
                .append(List.of(), Action.APPEND_FEED_POST, LogFixtures.content(GOLDEN_CONTENT));
        String expected = "solcial-entry-v1:" + GOLDEN_JSON.replaceFirst(",\"signature\":\"[^\"]*\"", "");
        assertEquals(expected, new String(e.entry().unsigned().signingBytes(), StandardCharsets.UTF_8));
        assertTrue(e.entry().verifySignature());
    }

    @Test
    void roundTripsEveryAction() throws Exception {
        Ed25519KeyPair other = key(9);
        LogEntry first = writer.append(List.of(), Action.APPEND_FEED_POST, LogFixtures.content(rawCid("post")));
        List<Params> params = List.of(
                Params.builder().cid("content", rawCid("r")).cid("parent", first.cid()).cid("root", first.cid()).build(),
                Params.builder().cid("content", rawCid("r2")).cid("parent", first.cid()).build(),
                LogFixtures.target(first.cid()),
                Params.builder().address("author", other.publicKey()).build(),
                Params.builder().text("name", "Ada \"Lovelace\" \u00e9\ud83d\ude00\n").text("bio", "").cid("avatar", rawCid("a")).build(),
                Params.builder().text("bio", "only bio").build());
        List<Action> actions = List.of(Action.REPLY, Action.REPLY, Action.LIKE, Action.FOLLOW,
                Action.UPDATE_PROFILE, Action.UPDATE_PROFILE);
        List<LogEntry> all = new ArrayList<>(List.of(first));
        for (int i = 0; i < actions.size(); i++) {
            all.add(writer.append(List.of(all.get(all.size() - 1)), actions.get(i), params.get(i)));
        }
        all.add(writer.append(List.of(all.get(all.size() - 1)), Action.UNLIKE, LogFixtures.target(first.cid())));
        all.add(writer.append(List.of(all.get(all.size() - 1)), Action.UNFOLLOW,
                Params.builder().address("author", other.publicKey()).build()));
        all.add(writer.append(List.of(all.get(all.size() - 1)), Action.DELETE, LogFixtures.target(first.cid())));
        for (LogEntry e : all) {
            Block block = EntryCodec.encode(e.entry());
            Entry decoded = EntryCodec.decode(block);
            assertEquals(e.entry(), decoded);
            assertArrayEquals(block.bytes(), EntryCodec.encode(decoded).bytes());
        }
    }

    @Test
    void linksNamePrevsAndContentButNotReferences() throws Exception {
        LogEntry a = writer.append(List.of(), Action.APPEND_FEED_POST, LogFixtures.content(rawCid("a")));
        LogEntry b = writer.append(List.of(a), Action.REPLY,
                Params.builder().cid("content", rawCid("b")).cid("parent", a.cid()).build());
        List<String> names = DagPb.decode(EntryCodec.encode(b.entry())).links().stream()
                .map(l -> l.name().orElseThrow()).toList();
        assertEquals(List.of("param/content", "prev/0"), names);
    }

    @Test
    void entryRejectsUnsortedOrDuplicatePrev() {
        LogEntry a = writer.append(List.of(), Action.APPEND_FEED_POST, LogFixtures.content(rawCid("a")));
        LogEntry b = writer.append(List.of(), Action.APPEND_FEED_POST, LogFixtures.content(rawCid("b")));
        List<Cid> unsorted = a.cid().compareTo(b.cid()) < 0 ? List.of(b.cid(), a.cid()) : List.of(a.cid(), b.cid());
        assertThrows(IllegalArgumentException.class, () -> new UnsignedEntry(key(7).publicKey(), unsorted, 2,
                Action.LIKE, T0, LogFixtures.target(a.cid())));
        assertThrows(IllegalArgumentException.class, () -> new UnsignedEntry(key(7).publicKey(),
                List.of(a.cid(), a.cid()), 2, Action.LIKE, T0, LogFixtures.target(a.cid())));
    }

    @Test
    void paramsMustMatchTheAction() {
        assertThrows(IllegalArgumentException.class, () -> writer.append(List.of(), Action.LIKE, LogFixtures.content(rawCid("x"))));
        assertThrows(IllegalArgumentException.class, () -> writer.append(List.of(), Action.UPDATE_PROFILE, Params.builder().build()));
        assertThrows(IllegalArgumentException.class, () -> writer.append(List.of(), Action.FOLLOW,
                Params.builder().text("author", "not-an-address").build()));
        assertThrows(IllegalArgumentException.class, () -> writer.append(List.of(), Action.UPDATE_PROFILE,
                Params.builder().text("name", "x".repeat(LogConstants.MAX_NAME_LENGTH + 1)).build()));
    }
}
