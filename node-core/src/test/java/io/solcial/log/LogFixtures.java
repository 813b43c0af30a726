package io.solcial.log;

import io.solcial.content.Block;
import io.solcial.content.DagPb;
import io.solcial.content.PbLink;
import io.solcial.content.PbNode;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Keys, clocks, CIDs and block-crafting helpers shared by the log tests. */
final class LogFixtures {
    static final long T0 = 1_700_000_000_000L;

    private LogFixtures() {
    }

    static Ed25519KeyPair key(int fill) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) fill);
        return Ed25519KeyPair.fromSeed(seed);
    }

    static Clock clockAt(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    static Cid rawCid(String label) {
        return Cid.of(Multicodec.RAW, label.getBytes(StandardCharsets.UTF_8));
    }

    static Params content(Cid cid) {
        return Params.builder().cid("content", cid).build();
    }

    static Params target(Cid cid) {
        return Params.builder().cid("target", cid).build();
    }

    /** The entry's JSON as a mutable tree, to tamper with. */
    static Map<String, Object> json(Block entryBlock) throws Exception {
        byte[] data = DagPb.decode(entryBlock).data().orElseThrow().toByteArray();
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) CanonicalJson.parse(data);
        Map<String, Object> copy = new TreeMap<>(tree);
        copy.put("params", new TreeMap<>((Map<?, ?>) tree.get("params")));
        return copy;
    }

    static List<PbLink> links(Block entryBlock) throws Exception {
        return new ArrayList<>(DagPb.decode(entryBlock).links());
    }

    static PbLink link(Cid cid, String name) {
        return new PbLink(cid, Optional.of(name), OptionalLong.empty());
    }

    /** A DAG-PB block with the given JSON (canonical) as Data and the given links. */
    static Block craft(Map<String, Object> json, List<PbLink> links) {
        return craftRaw(CanonicalJson.write(json), links);
    }

    static Block craftRaw(byte[] data, List<PbLink> links) {
        return Block.create(Multicodec.DAG_PB, DagPb.encode(PbNode.of(links, data)));
    }

    /** Re-signs tampered JSON with {@code keys}, so that only the tampering is wrong. */
    static Block craftSigned(Map<String, Object> json, List<PbLink> links, Ed25519KeyPair keys) {
        Map<String, Object> unsigned = new TreeMap<>(json);
        unsigned.remove("signature");
        byte[] body = CanonicalJson.write(unsigned);
        byte[] domain = LogConstants.SIGNATURE_DOMAIN.getBytes(StandardCharsets.US_ASCII);
        byte[] msg = new byte[domain.length + body.length];
        System.arraycopy(domain, 0, msg, 0, domain.length);
        System.arraycopy(body, 0, msg, domain.length, body.length);
        Map<String, Object> signed = new TreeMap<>(json);
        signed.put("signature", Base64.getEncoder().encodeToString(keys.sign(msg)));
        return craft(signed, links);
    }
}
