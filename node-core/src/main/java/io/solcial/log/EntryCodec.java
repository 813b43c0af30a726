package io.solcial.log;

import static io.solcial.log.InvalidEntryException.Reason.BAD_PARAMS;
import static io.solcial.log.InvalidEntryException.Reason.BAD_SIGNATURE;
import static io.solcial.log.InvalidEntryException.Reason.MALFORMED;
import static io.solcial.log.InvalidEntryException.Reason.MISSING_SIGNATURE;
import static io.solcial.log.InvalidEntryException.Reason.OVERSIZE;
import static io.solcial.log.InvalidEntryException.Reason.UNKNOWN_ACTION;

import io.solcial.content.Block;
import io.solcial.content.BlockFormatException;
import io.solcial.content.DagPb;
import io.solcial.content.PbLink;
import io.solcial.content.PbNode;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canonical block form of an {@link Entry} (docs/protocol.md, "Profile log entries"): a DAG-PB
 * node whose Data is the entry's canonical JSON and whose links name the prev entries
 * ("prev/i") and the content blocks the params own ("param/NAME"). Decoding is strict: the block
 * must be exactly what {@link #encode} writes for the entry it decodes to.
 */
public final class EntryCodec {
    private static final Set<String> KEYS =
            Set.of("action", "author", "params", "prev", "seq", "signature", "timestamp", "v");
    private static final byte[] DOMAIN = LogConstants.SIGNATURE_DOMAIN.getBytes(StandardCharsets.US_ASCII);

    private EntryCodec() {
    }

    /** The entry's block. Throws {@link IllegalArgumentException} if it would exceed the size limit. */
    public static Block encode(Entry entry) {
        Map<String, Object> json = unsignedJson(entry.unsigned());
        json.put("signature", Base64.getEncoder().encodeToString(entry.signature().toByteArray()));
        byte[] bytes = DagPb.encode(PbNode.of(links(entry), CanonicalJson.write(json)));
        if (bytes.length > LogConstants.MAX_ENTRY_SIZE) {
            throw new IllegalArgumentException("entry of " + bytes.length + " bytes exceeds " + LogConstants.MAX_ENTRY_SIZE);
        }
        return Block.create(Multicodec.DAG_PB, bytes);
    }

    static byte[] signingBytes(UnsignedEntry body) {
        byte[] json = CanonicalJson.write(unsignedJson(body));
        byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + json.length);
        System.arraycopy(json, 0, out, DOMAIN.length, json.length);
        return out;
    }

    private static Map<String, Object> unsignedJson(UnsignedEntry e) {
        Map<String, Object> params = new TreeMap<>();
        e.params().values().forEach((name, value) -> params.put(name, value.toJson()));
        Map<String, Object> json = new TreeMap<>();
        json.put("action", e.action().wireName());
        json.put("author", e.author().address());
        json.put("params", params);
        json.put("prev", e.prev().stream().map(Cid::toString).toList());
        json.put("seq", e.seq());
        json.put("timestamp", e.timestamp());
        json.put("v", (long) LogConstants.VERSION);
        return json;
    }

    private static List<PbLink> links(Entry entry) {
        List<PbLink> links = new ArrayList<>();
        for (int i = 0; i < entry.prev().size(); i++) {
            links.add(link(entry.prev().get(i), "prev/" + i));
        }
        entry.params().values().forEach((name, value) -> {
            ParamSpec spec = entry.action().params().get(name);
            if (spec.type() == ParamType.LINKED_CID && value instanceof ParamValue.CidValue c) {
                links.add(link(c.value(), "param/" + name));
            }
        });
        return links;
    }

    private static PbLink link(Cid cid, String name) {
        return new PbLink(cid, Optional.of(name), OptionalLong.empty());
    }

    /** Decodes an entry block, refusing anything {@link #encode} would not have written. */
    public static Entry decode(Block block) throws InvalidEntryException {
        if (block.size() > LogConstants.MAX_ENTRY_SIZE) {
            throw new InvalidEntryException(OVERSIZE, block.size() + " bytes exceeds " + LogConstants.MAX_ENTRY_SIZE);
        }
        if (block.cid().codec() != Multicodec.DAG_PB) {
            throw new InvalidEntryException(MALFORMED, "not a dag-pb block: " + block.cid());
        }
        PbNode node;
        try {
            node = DagPb.decode(block);
        } catch (BlockFormatException e) {
            throw new InvalidEntryException(MALFORMED, e.getMessage(), e);
        }
        byte[] data = node.data().orElseThrow(() -> new InvalidEntryException(MALFORMED, "no Data")).toByteArray();
        Entry entry = EntryJsonReader.read(data);
        List<PbLink> expected = links(entry);
        if (!Set.copyOf(expected).equals(Set.copyOf(node.links())) || expected.size() != node.links().size()) {
            throw new InvalidEntryException(MALFORMED, "links do not match the prev and content params");
        }
        byte[] canonical;
        try {
            canonical = encode(entry).bytes();
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(MALFORMED, e.getMessage(), e);
        }
        if (!Arrays.equals(canonical, block.bytes())) {
            throw new InvalidEntryException(MALFORMED, "block is not in canonical form");
        }
        return entry;
    }

    /** Reads the JSON fields into an {@link Entry}, mapping each failure to its reason. */
    private static final class EntryJsonReader {
        private EntryJsonReader() {
        }

        static Entry read(byte[] data) throws InvalidEntryException {
            Object tree;
            try {
                tree = CanonicalJson.parse(data);
            } catch (CanonicalJson.NotCanonicalException e) {
                throw new InvalidEntryException(MALFORMED, "Data: " + e.getMessage(), e);
            }
            if (!(tree instanceof Map<?, ?> json)) {
                throw new InvalidEntryException(MALFORMED, "Data is not a JSON object");
            }
            for (Object key : json.keySet()) {
                if (!KEYS.contains(key)) {
                    throw new InvalidEntryException(MALFORMED, "unknown field " + key);
                }
            }
            if (!json.containsKey("signature") || "".equals(json.get("signature"))) {
                throw new InvalidEntryException(MISSING_SIGNATURE, "no signature");
            }
            if (!Long.valueOf(LogConstants.VERSION).equals(json.get("v"))) {
                throw new InvalidEntryException(MALFORMED, "unsupported version " + json.get("v"));
            }
            Ed25519PublicKey author = address(field(json, "author", String.class));
            List<Cid> prev = new ArrayList<>();
            for (Object p : field(json, "prev", List.class)) {
                prev.add(cid(p, MALFORMED, "prev"));
            }
            long seq = field(json, "seq", Long.class);
            long timestamp = field(json, "timestamp", Long.class);
            String actionName = field(json, "action", String.class);
            Action action = Action.fromWireName(actionName)
                    .orElseThrow(() -> new InvalidEntryException(UNKNOWN_ACTION, "unknown action " + actionName));
            Params params = params(action, field(json, "params", Map.class));
            Bytes signature = signature(field(json, "signature", String.class));
            try {
                return new Entry(author, prev, seq, action, timestamp, params, signature);
            } catch (IllegalArgumentException e) {
                throw new InvalidEntryException(MALFORMED, e.getMessage(), e);
            }
        }

        private static <T> T field(Map<?, ?> json, String name, Class<T> type) throws InvalidEntryException {
            Object value = json.get(name);
            if (!type.isInstance(value)) {
                throw new InvalidEntryException(MALFORMED, "field " + name + " missing or not a " + type.getSimpleName());
            }
            return type.cast(value);
        }

        private static Ed25519PublicKey address(String text) throws InvalidEntryException {
            try {
                Ed25519PublicKey key = Ed25519PublicKey.fromAddress(text);
                if (key.address().equals(text)) {
                    return key;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new InvalidEntryException(MALFORMED, "author is not a wallet address: " + text);
        }

        private static Cid cid(Object value, InvalidEntryException.Reason reason, String what)
                throws InvalidEntryException {
            try {
                if (value instanceof String s) {
                    Cid cid = Cid.parse(s);
                    if (cid.toString().equals(s)) {
                        return cid;
                    }
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new InvalidEntryException(reason, what + " is not a base32 CIDv1 string: " + value);
        }

        private static Params params(Action action, Map<?, ?> json) throws InvalidEntryException {
            Params.Builder builder = Params.builder();
            for (Map.Entry<?, ?> p : json.entrySet()) {
                String name = (String) p.getKey();
                ParamSpec spec = action.param(name).orElseThrow(
                        () -> new InvalidEntryException(BAD_PARAMS, action + " does not allow param " + name));
                Object value = p.getValue();
                switch (spec.type()) {
                    case LINKED_CID, REF_CID -> builder.cid(name, cid(value, BAD_PARAMS, "param " + name));
                    case ADDRESS, TEXT -> builder.text(name, typed(value, String.class, name));
                    case INTEGER -> builder.integer(name, typed(value, Long.class, name));
                }
            }
            Params params = builder.build();
            try {
                params.check(action);
            } catch (IllegalArgumentException e) {
                throw new InvalidEntryException(BAD_PARAMS, e.getMessage(), e);
            }
            return params;
        }

        private static <T> T typed(Object value, Class<T> type, String name) throws InvalidEntryException {
            if (!type.isInstance(value)) {
                throw new InvalidEntryException(BAD_PARAMS, "param " + name + " is not a " + type.getSimpleName());
            }
            return type.cast(value);
        }

        private static Bytes signature(String base64) throws InvalidEntryException {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new InvalidEntryException(BAD_SIGNATURE, "signature is not base64", e);
            }
            if (raw.length != Ed25519PublicKey.SIGNATURE_LENGTH
                    || !Base64.getEncoder().encodeToString(raw).equals(base64)) {
                throw new InvalidEntryException(BAD_SIGNATURE, "signature is not 64 bytes in padded base64");
            }
            return Bytes.of(raw);
        }
    }
}
