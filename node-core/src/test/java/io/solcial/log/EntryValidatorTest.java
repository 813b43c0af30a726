package io.solcial.log;

import static io.solcial.log.InvalidEntryException.Reason.AUTHOR_MISMATCH;
import static io.solcial.log.InvalidEntryException.Reason.BAD_PARAMS;
import static io.solcial.log.InvalidEntryException.Reason.BAD_SIGNATURE;
import static io.solcial.log.InvalidEntryException.Reason.FUTURE_TIMESTAMP;
import static io.solcial.log.InvalidEntryException.Reason.MALFORMED;
import static io.solcial.log.InvalidEntryException.Reason.MISSING_PREV;
import static io.solcial.log.InvalidEntryException.Reason.MISSING_SIGNATURE;
import static io.solcial.log.InvalidEntryException.Reason.OVERSIZE;
import static io.solcial.log.InvalidEntryException.Reason.TIMESTAMP_BEFORE_PREV;
import static io.solcial.log.InvalidEntryException.Reason.UNKNOWN_ACTION;
import static io.solcial.log.InvalidEntryException.Reason.WRONG_SEQ;
import static io.solcial.log.LogFixtures.T0;
import static io.solcial.log.LogFixtures.clockAt;
import static io.solcial.log.LogFixtures.craft;
import static io.solcial.log.LogFixtures.craftRaw;
import static io.solcial.log.LogFixtures.craftSigned;
import static io.solcial.log.LogFixtures.json;
import static io.solcial.log.LogFixtures.key;
import static io.solcial.log.LogFixtures.link;
import static io.solcial.log.LogFixtures.links;
import static io.solcial.log.LogFixtures.rawCid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solcial.content.Block;
import io.solcial.content.PbLink;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EntryValidatorTest {
    private final Ed25519KeyPair me = key(1);
    private final EntryWriter writer = new EntryWriter(me, clockAt(T0));
    private final EntryValidator validator = new EntryValidator(clockAt(T0));
    private final Map<Cid, Entry> known = new HashMap<>();
    private final LogEntry first = writer.append(List.of(), Action.APPEND_FEED_POST, LogFixtures.content(rawCid("p")));
    private final LogEntry second = writer.append(List.of(first), Action.LIKE, LogFixtures.target(first.cid()));

    private LogEntry validate(Block block) throws InvalidEntryException {
        return validator.validate(block, me.publicKey(), PrevLookup.of(known));
    }

    private void assertRejected(InvalidEntryException.Reason reason, Block block) {
        InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> validate(block));
        assertEquals(reason, e.reason(), e.getMessage());
    }

    private Block block(LogEntry e) {
        return EntryCodec.encode(e.entry());
    }

    @Test
    void acceptsAValidChain() throws Exception {
        assertEquals(first, validate(block(first)));
        known.put(first.cid(), first.entry());
        assertEquals(second, validate(block(second)));
    }

    @Test
    void acceptsATimestampWithinTheSkew() throws Exception {
        long ahead = T0 + LogConstants.MAX_CLOCK_SKEW.toMillis();
        LogEntry e = new EntryWriter(me, clockAt(ahead)).append(List.of(), Action.APPEND_FEED_POST,
                LogFixtures.content(rawCid("p")));
        assertEquals(e, validate(block(e)));
    }

    @Test
    void rejectsOversizeBlock() {
        byte[] data = "x".repeat(LogConstants.MAX_ENTRY_SIZE).getBytes(StandardCharsets.US_ASCII);
        assertRejected(OVERSIZE, craftRaw(data, List.of()));
    }

    @Test
    void rejectsUndecodableBlocks() {
        assertRejected(MALFORMED, Block.create(Multicodec.DAG_PB, new byte[] {(byte) 0xff, 0x01}));
        assertRejected(MALFORMED, Block.create(Multicodec.RAW, block(first).bytes()));
        assertRejected(MALFORMED, craftRaw("not json".getBytes(StandardCharsets.US_ASCII), List.of()));
        assertRejected(MALFORMED, Block.create(Multicodec.DAG_PB, new byte[0]));
    }

    @Test
    void rejectsNonCanonicalJson() throws Exception {
        String canonical = new String(CanonicalJson.write(json(block(first))), StandardCharsets.UTF_8);
        List<PbLink> links = links(block(first));
        assertRejected(MALFORMED, craftRaw((canonical.replace(",", ", ")).getBytes(StandardCharsets.UTF_8), links));
        assertRejected(MALFORMED, craftRaw((canonical + "\n").getBytes(StandardCharsets.UTF_8), links));
        assertRejected(MALFORMED, craftRaw(canonical.replace("\"seq\":1", "\"seq\":1.0")
                .getBytes(StandardCharsets.UTF_8), links));
        String reordered = "{\"v\":1," + canonical.substring(1).replace(",\"v\":1}", "}");
        assertRejected(MALFORMED, craftRaw(reordered.getBytes(StandardCharsets.UTF_8), links));
    }

    @Test
    void rejectsUnknownFieldsWrongTypesAndVersions() throws Exception {
        List<PbLink> links = links(block(first));
        Map<String, Object> extra = json(block(first));
        extra.put("extra", "x");
        assertRejected(MALFORMED, craftSigned(extra, links, me));
        Map<String, Object> stringSeq = json(block(first));
        stringSeq.put("seq", "1");
        assertRejected(MALFORMED, craftSigned(stringSeq, links, me));
        Map<String, Object> v2 = json(block(first));
        v2.put("v", 2L);
        assertRejected(MALFORMED, craftSigned(v2, links, me));
        Map<String, Object> noSeq = json(block(first));
        noSeq.remove("seq");
        assertRejected(MALFORMED, craftSigned(noSeq, links, me));
    }

    @Test
    void rejectsLinksThatDoNotMatchTheFields() throws Exception {
        Map<String, Object> json = json(block(second));
        List<PbLink> links = links(block(second));
        List<PbLink> extra = new ArrayList<>(links);
        extra.add(link(rawCid("sneaky"), "param/target"));
        assertRejected(MALFORMED, craft(json, extra));
        assertRejected(MALFORMED, craft(json, List.of()));
        List<PbLink> withTsize = new ArrayList<>();
        for (PbLink l : links) {
            withTsize.add(new PbLink(l.hash(), l.name(), OptionalLong.of(10)));
        }
        assertRejected(MALFORMED, craft(json, withTsize));
        List<PbLink> renamed = List.of(new PbLink(first.cid(), Optional.of("prev/1"), OptionalLong.empty()));
        assertRejected(MALFORMED, craft(json, renamed));
    }

    @Test
    void rejectsMissingSignature() throws Exception {
        Map<String, Object> json = json(block(first));
        json.remove("signature");
        assertRejected(MISSING_SIGNATURE, craft(json, links(block(first))));
        json.put("signature", "");
        assertRejected(MISSING_SIGNATURE, craft(json, links(block(first))));
    }

    @Test
    void rejectsBadSignature() throws Exception {
        Map<String, Object> json = json(block(first));
        byte[] sig = first.entry().signature().toByteArray();
        sig[0] ^= 1;
        json.put("signature", Base64.getEncoder().encodeToString(sig));
        assertRejected(BAD_SIGNATURE, craft(json, links(block(first))));
        json.put("signature", Base64.getEncoder().encodeToString(new byte[63]));
        assertRejected(BAD_SIGNATURE, craft(json, links(block(first))));
        Map<String, Object> tampered = json(block(first));
        tampered.put("timestamp", T0 - 1);
        assertRejected(BAD_SIGNATURE, craft(tampered, links(block(first))));
    }

    @Test
    void rejectsAnotherAuthorsEntry() {
        LogEntry theirs = new EntryWriter(key(2), clockAt(T0)).append(List.of(), Action.APPEND_FEED_POST,
                LogFixtures.content(rawCid("p")));
        assertRejected(AUTHOR_MISMATCH, block(theirs));
    }

    @Test
    void rejectsAPrevByAnotherAuthor() {
        Ed25519KeyPair other = key(2);
        LogEntry theirs = new EntryWriter(other, clockAt(T0)).append(List.of(), Action.APPEND_FEED_POST,
                LogFixtures.content(rawCid("p")));
        known.put(theirs.cid(), theirs.entry());
        Entry mine = new UnsignedEntry(me.publicKey(), List.of(theirs.cid()), 2, Action.LIKE, T0,
                LogFixtures.target(theirs.cid())).sign(me);
        assertRejected(AUTHOR_MISMATCH, EntryCodec.encode(mine));
    }

    @Test
    void rejectsWrongSeq() throws Exception {
        known.put(first.cid(), first.entry());
        Entry skipped = new UnsignedEntry(me.publicKey(), List.of(first.cid()), 3, Action.LIKE, T0,
                LogFixtures.target(first.cid())).sign(me);
        assertRejected(WRONG_SEQ, EntryCodec.encode(skipped));
    }

    @Test
    void rejectsUnknownAction() throws Exception {
        Map<String, Object> json = json(block(second));
        json.put("action", "repost");
        assertRejected(UNKNOWN_ACTION, craftSigned(json, links(block(second)), me));
    }

    @Test
    void rejectsBadParams() throws Exception {
        Map<String, Object> json = json(block(second));
        json.put("params", new TreeMap<>(Map.of("content", rawCid("c").toString())));
        assertRejected(BAD_PARAMS, craftSigned(json, links(block(second)), me));
        json.put("params", new TreeMap<>(Map.of("target", 5L)));
        assertRejected(BAD_PARAMS, craftSigned(json, links(block(second)), me));
        json.put("params", new TreeMap<>(Map.of("target", "Qmnotacid")));
        assertRejected(BAD_PARAMS, craftSigned(json, links(block(second)), me));
        json.put("params", new TreeMap<>(Map.of("target", first.cid().toString(), "extra", "x")));
        assertRejected(BAD_PARAMS, craftSigned(json, links(block(second)), me));
        json.put("params", new TreeMap<>());
        assertRejected(BAD_PARAMS, craftSigned(json, links(block(second)), me));
    }

    @Test
    void rejectsFutureTimestamp() {
        long tooFar = T0 + LogConstants.MAX_CLOCK_SKEW.toMillis() + 1;
        LogEntry e = new EntryWriter(me, clockAt(tooFar)).append(List.of(), Action.APPEND_FEED_POST,
                LogFixtures.content(rawCid("p")));
        assertRejected(FUTURE_TIMESTAMP, block(e));
    }

    @Test
    void rejectsMissingPrev() {
        assertRejected(MISSING_PREV, block(second));
    }

    @Test
    void rejectsTimestampBeforePrev() {
        known.put(first.cid(), first.entry());
        Entry backwards = new UnsignedEntry(me.publicKey(), List.of(first.cid()), 2, Action.LIKE, T0 - 1,
                LogFixtures.target(first.cid())).sign(me);
        assertRejected(TIMESTAMP_BEFORE_PREV, EntryCodec.encode(backwards));
    }
}
