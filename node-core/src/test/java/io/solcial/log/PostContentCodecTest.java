package io.solcial.log;

import static io.solcial.log.LogFixtures.craftRaw;
import static io.solcial.log.LogFixtures.link;
import static io.solcial.log.LogFixtures.rawCid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solcial.content.Block;
import io.solcial.content.BlockFormatException;
import io.solcial.content.DagPb;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostContentCodecTest {
    private final PostContent withMedia = new PostContent("hello \u00e9\ud83d\ude00", List.of(
            new PostContent.Media(rawCid("img"), "image/png", Optional.of("cat.png")),
            PostContent.Media.of(rawCid("vid"), "video/mp4")));

    @Test
    void roundTripsCanonically() throws Exception {
        Block block = PostContentCodec.encode(withMedia);
        assertEquals(withMedia, PostContentCodec.decode(block));
        assertArrayEquals(block.bytes(), PostContentCodec.encode(PostContentCodec.decode(block)).bytes());
        assertEquals("{\"media\":[{\"cid\":\"" + rawCid("img") + "\",\"mime\":\"image/png\",\"name\":\"cat.png\"},"
                        + "{\"cid\":\"" + rawCid("vid") + "\",\"mime\":\"video/mp4\"}],\"text\":\"hello \u00e9\ud83d\ude00\"}",
                new String(DagPb.decode(block).data().orElseThrow().toByteArray(), StandardCharsets.UTF_8));
        assertEquals(List.of("media/0", "media/1"),
                DagPb.decode(block).links().stream().map(l -> l.name().orElseThrow()).toList());
    }

    @Test
    void textOnlyPostHasEmptyMedia() throws Exception {
        Block block = PostContentCodec.encode(PostContent.text("hi"));
        assertEquals("{\"media\":[],\"text\":\"hi\"}",
                new String(DagPb.decode(block).data().orElseThrow().toByteArray(), StandardCharsets.UTF_8));
        assertEquals(PostContent.text("hi"), PostContentCodec.decode(block));
    }

    @Test
    void enforcesLimits() {
        PostContent.text("x".repeat(LogConstants.MAX_POST_TEXT_LENGTH));
        PostContent.text("\ud83d\ude00".repeat(LogConstants.MAX_POST_TEXT_LENGTH));
        assertThrows(IllegalArgumentException.class, () -> PostContent.text("x".repeat(LogConstants.MAX_POST_TEXT_LENGTH + 1)));
        assertThrows(IllegalArgumentException.class, () -> PostContent.text(""));
        assertThrows(IllegalArgumentException.class, () -> PostContent.Media.of(rawCid("a"), "Image/PNG"));
        assertThrows(IllegalArgumentException.class, () -> PostContent.Media.of(rawCid("a"), "nonsense"));
    }

    @Test
    void rejectsLinksThatDoNotMatchMedia() {
        byte[] data = ("{\"media\":[{\"cid\":\"" + rawCid("img") + "\",\"mime\":\"image/png\"}],\"text\":\"t\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(BlockFormatException.class, () -> PostContentCodec.decode(craftRaw(data, List.of())));
        assertThrows(BlockFormatException.class,
                () -> PostContentCodec.decode(craftRaw(data, List.of(link(rawCid("other"), "media/0")))));
        PostContentCodec.encode(withMedia);
    }

    @Test
    void rejectsNonCanonicalOrUnknownJson() {
        assertThrows(BlockFormatException.class, () -> PostContentCodec.decode(
                craftRaw("{\"text\":\"t\",\"media\":[]}".getBytes(StandardCharsets.UTF_8), List.of())));
        assertThrows(BlockFormatException.class, () -> PostContentCodec.decode(
                craftRaw("{\"media\":[],\"text\":\"t\",\"x\":1}".getBytes(StandardCharsets.UTF_8), List.of())));
        assertThrows(BlockFormatException.class, () -> PostContentCodec.decode(
                craftRaw("{\"text\":\"t\"}".getBytes(StandardCharsets.UTF_8), List.of())));
        assertThrows(BlockFormatException.class, () -> PostContentCodec.decode(
                craftRaw("{\"media\":[],\"text\":7}".getBytes(StandardCharsets.UTF_8), List.of())));
    }
}
