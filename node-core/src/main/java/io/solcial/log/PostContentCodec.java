package io.solcial.log;

import io.solcial.content.Block;
import io.solcial.content.BlockFormatException;
import io.solcial.content.DagPb;
import io.solcial.content.PbLink;
import io.solcial.content.PbNode;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The block form of {@link PostContent}: DAG-PB, Data = canonical JSON
 * {@code {"media":[{"cid":…,"mime":…,"name":…}],"text":…}} ("name" only when present, "media"
 * always, possibly empty), one link "media/i" per attachment to its root. Decoding is strict.
 */
public final class PostContentCodec {
    private static final Set<String> KEYS = Set.of("media", "text");
    private static final Set<String> MEDIA_KEYS = Set.of("cid", "mime", "name");

    private PostContentCodec() {
    }

    public static Block encode(PostContent content) {
        List<Object> media = new ArrayList<>();
        List<PbLink> links = new ArrayList<>();
        for (int i = 0; i < content.media().size(); i++) {
            PostContent.Media m = content.media().get(i);
            Map<String, Object> item = new TreeMap<>();
            item.put("cid", m.cid().toString());
            item.put("mime", m.mime());
            m.name().ifPresent(n -> item.put("name", n));
            media.add(item);
            links.add(new PbLink(m.cid(), Optional.of("media/" + i), OptionalLong.empty()));
        }
        Map<String, Object> json = new TreeMap<>();
        json.put("media", media);
        json.put("text", content.text());
        byte[] bytes = DagPb.encode(PbNode.of(links, CanonicalJson.write(json)));
        if (bytes.length > LogConstants.MAX_POST_CONTENT_SIZE) {
            throw new IllegalArgumentException("post content of " + bytes.length + " bytes exceeds "
                    + LogConstants.MAX_POST_CONTENT_SIZE);
        }
        return Block.create(Multicodec.DAG_PB, bytes);
    }

    public static PostContent decode(Block block) throws BlockFormatException {
        if (block.size() > LogConstants.MAX_POST_CONTENT_SIZE) {
            throw new BlockFormatException("post content of " + block.size() + " bytes is too large");
        }
        PbNode node = DagPb.decode(block);
        byte[] data = node.data().orElseThrow(() -> new BlockFormatException("post content without Data"))
                .toByteArray();
        PostContent content;
        try {
            content = fromJson(CanonicalJson.parse(data));
        } catch (CanonicalJson.NotCanonicalException | IllegalArgumentException | ClassCastException e) {
            throw new BlockFormatException("invalid post content: " + e.getMessage(), e);
        }
        byte[] canonical;
        try {
            canonical = encode(content).bytes();
        } catch (IllegalArgumentException e) {
            throw new BlockFormatException("invalid post content: " + e.getMessage(), e);
        }
        if (!Arrays.equals(canonical, block.bytes())) {
            throw new BlockFormatException("post content links or layout are not canonical");
        }
        return content;
    }

    private static PostContent fromJson(Object tree) {
        Map<?, ?> json = (Map<?, ?>) tree;
        requireKeys(json, KEYS, Set.of("media", "text"));
        List<PostContent.Media> media = new ArrayList<>();
        for (Object o : (List<?>) json.get("media")) {
            Map<?, ?> item = (Map<?, ?>) o;
            requireKeys(item, MEDIA_KEYS, Set.of("cid", "mime"));
            Cid cid = Cid.parse((String) item.get("cid"));
            if (!cid.toString().equals(item.get("cid"))) {
                throw new IllegalArgumentException("media cid is not base32 CIDv1");
            }
            media.add(new PostContent.Media(cid, (String) item.get("mime"),
                    Optional.ofNullable((String) item.get("name"))));
        }
        return new PostContent((String) json.get("text"), media);
    }

    private static void requireKeys(Map<?, ?> json, Set<String> allowed, Set<String> required) {
        if (!allowed.containsAll(json.keySet()) || !json.keySet().containsAll(required)) {
            throw new IllegalArgumentException("fields " + json.keySet() + ", allowed " + allowed + ", required " + required);
        }
    }
}
