package io.solcial.beacon.gateway.ipfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solcial.beacon.gateway.DemoGatewayTest;
import io.solcial.beacon.gateway.NodeScript;
import io.solcial.content.Block;
import io.solcial.content.CarReader;
import io.solcial.content.DagPb;
import io.solcial.content.MemoryBlockstore;
import io.solcial.content.UnixFsReader;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustlessGatewayTest extends DemoGatewayTest {
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=n";
    private record Car(List<Cid> roots, List<Block> blocks) {
        List<Cid> cids() {
            return blocks.stream().map(Block::cid).toList();
        }
    }

    private static Car car(byte[] bytes) throws Exception {
        try (CarReader reader = new CarReader(new ByteArrayInputStream(bytes))) {
            List<Block> blocks = new ArrayList<>();
            for (Optional<Block> b = reader.next(); b.isPresent(); b = reader.next()) {
                blocks.add(b.get());
            }
            return new Car(reader.roots(), blocks);
        }
    }

    @Test
    void rawBlockWithTheSpecHeaders() throws Exception {
        Cid cid = fx.demo.welcome.cid();
        HttpResponse<byte[]> r = fx.getBytes("/ipfs/" + cid + "?format=raw");
        assertEquals(200, r.statusCode());
        assertTrue(cid.matches(r.body()), "the body hashes to the CID");
        assertEquals("application/vnd.ipld.raw", header(r, "content-type"));
        assertEquals("public, max-age=29030400, immutable", header(r, "cache-control"));
        assertEquals("\"" + cid + ".raw\"", header(r, "etag"));
        assertEquals("nosniff", header(r, "x-content-type-options"));
        assertEquals("attachment; filename=\"" + cid + ".bin\"", header(r, "content-disposition"));
        assertEquals("/ipfs/" + cid, header(r, "x-ipfs-path"));
        assertEquals(cid.toString(), header(r, "x-ipfs-roots"));
        HttpResponse<byte[]> byAccept = fx.getBytes("/ipfs/" + cid, "Accept", "application/vnd.ipld.raw");
        assertArrayEquals(r.body(), byAccept.body());
        assertEquals(304, fx.getBytes("/ipfs/" + cid + "?format=raw", "If-None-Match", header(r, "etag")).statusCode());
    }

    @Test
    void headAnswersHeadersWithoutABody() throws Exception {
        Cid cid = fx.demo.welcome.cid();
        HttpResponse<String> r = fx.send(fx.request("/ipfs/" + cid + "?format=raw")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        assertEquals(String.valueOf(fx.demo.network.block(cid).orElseThrow().size()), header(r, "content-length"));
        assertEquals(404, fx.send(fx.request("/ipfs/" + unknown() + "?format=raw")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void refusals() throws Exception {
        assertEquals(404, fx.get("/ipfs/" + unknown() + "?format=raw").statusCode(), "unknown block");
        assertEquals(404, fx.get("/ipfs/" + unknown() + "?format=car").statusCode(), "unknown root");
        HttpResponse<String> malformed = fx.get("/ipfs/bafy-not-a-cid?format=raw");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().startsWith("not a valid CID"));
        assertEquals(400, fx.get("/ipfs/" + fx.demo.welcome.cid()).statusCode(), "no format asked for");
        assertEquals(406, fx.get("/ipfs/" + fx.demo.welcome.cid(), "Accept", "text/html").statusCode());
        assertEquals(406, fx.get("/ipfs/" + fx.demo.welcome.cid() + "?format=dag-json").statusCode());
        assertEquals(406, fx.get("/ipfs/" + fx.demo.welcome.cid(), "Accept", "application/vnd.ipld.car; version=2").statusCode());
        assertEquals(400, fx.get("/ipfs/" + fx.demo.welcome.cid() + "/some/path?format=car").statusCode());
        assertEquals(400, fx.get("/ipfs/" + fx.demo.photo + "?format=car&dag-scope=everything").statusCode());
        assertEquals(400, fx.get("/ipfs/" + fx.demo.photo + "?format=car&entity-bytes=a:b").statusCode());
        assertEquals(400, fx.get("/ipfs/" + fx.demo.photo + "?format=car&entity-bytes=99999999:*").statusCode(),
                "a range entirely past the end of the file");
    }

    @Test
    void identityProbe() throws Exception {
        HttpResponse<byte[]> raw = fx.getBytes("/ipfs/bafkqaaa?format=raw");
        assertEquals(200, raw.statusCode());
        assertEquals(0, raw.body().length);
        HttpResponse<byte[]> car = fx.getBytes("/ipfs/bafkqaaa?format=car");
        assertEquals(200, car.statusCode());
        Car parsed = car(car.body());
        assertEquals(List.of(Cid.parse("bafkqaaa")), parsed.roots());
        assertEquals(List.of(), parsed.blocks(), "identity blocks are never sent");
    }

    @Test
    void carOfAWholeFileRebuildsIt() throws Exception {
        HttpResponse<byte[]> r = fx.getBytes("/ipfs/" + fx.demo.photo, "Accept", "application/vnd.ipld.car");
        assertEquals(200, r.statusCode());
        assertEquals(CAR_TYPE, header(r, "content-type"));
        assertEquals("attachment; filename=\"" + fx.demo.photo + ".car\"", header(r, "content-disposition"));
        assertEquals("public, max-age=29030400, immutable", header(r, "cache-control"));
        Car car = car(r.body());
        assertEquals(List.of(fx.demo.photo), car.roots());
        assertEquals(fx.demo.photo, car.cids().get(0), "root first");
        assertTrue(car.blocks().size() > 3, "a multi-block file: " + car.blocks().size());
        MemoryBlockstore store = new MemoryBlockstore();
        for (Block b : car.blocks()) {
            store.put(b);
        }
        assertArrayEquals(fx.demo.photoBytes, new UnixFsReader(store).open(fx.demo.photo).readAllBytes());
    }

    @Test
    void dagScopeBlockAndEntityBytesSendOnlyWhatIsNeeded() throws Exception {
        Cid photo = fx.demo.photo;
        Car block = car(fx.getBytes("/ipfs/" + photo + "?format=car&dag-scope=block").body());
        assertEquals(List.of(photo), block.cids());
        List<Cid> leaves = DagPb.links(block.blocks().get(0));
        Car head = car(fx.getBytes("/ipfs/" + photo + "?format=car&entity-bytes=0:99").body());
        assertEquals(List.of(photo, leaves.get(0)), head.cids(), "root and the first 1 KiB chunk");
        Car tail = car(fx.getBytes("/ipfs/" + photo + "?format=car&entity-bytes=-100:*").body());
        assertEquals(List.of(photo, leaves.get(leaves.size() - 1)), tail.cids(), "root and the last chunk");
        Car second = car(fx.getBytes("/ipfs/" + photo + "?format=car&entity-bytes=1024:2047").body());
        assertEquals(List.of(photo, leaves.get(1)), second.cids());
        HttpResponse<byte[]> ranged = fx.getBytes("/ipfs/" + photo + "?format=car&entity-bytes=0:99");
        assertEquals("\"" + photo + ".car.entity.0_99\"", header(ranged, "etag"));
    }

    @Test
    void entryDagScopes() throws Exception {
        Cid entry = fx.demo.welcome.cid();
        Car entity = car(fx.getBytes("/ipfs/" + entry + "?format=car&dag-scope=entity").body());
        assertEquals(List.of(entry), entity.cids(), "an entry is not a file: entity is its block");
        Car all = car(fx.getBytes("/ipfs/" + entry + "?format=car").body());
        Block content = fx.demo.network.block(DagPb.links(fx.demo.network.block(entry).orElseThrow()).get(0))
                .orElseThrow();
        assertEquals(entry, all.cids().get(0));
        assertTrue(all.cids().contains(content.cid()), "the post content");
        assertTrue(all.cids().contains(fx.demo.avatar), "and, through prev, the profile entry's avatar");
        assertEquals(all.cids().size(), all.cids().stream().distinct().count(), "dups=n: each block once");
    }

    @Test
    void ipldCarReadsTheGatewaysCar() throws Exception {
        String url = fx.base.resolve("/ipfs/" + fx.demo.photo + "?format=car").toString();
        JsonNode js = new ObjectMapper().readTree(NodeScript.run(60, "car.mjs", "fetch", url));
        assertEquals(CAR_TYPE, js.get("contentType").asText());
        assertEquals(fx.demo.photo.toString(), js.get("roots").get(0).asText());
        List<String> ours = car(fx.getBytes("/ipfs/" + fx.demo.photo + "?format=car").body()).cids().stream()
                .map(Cid::toString).toList();
        List<String> theirs = new ArrayList<>();
        js.get("blocks").forEach(n -> theirs.add(n.asText()));
        assertEquals(ours, theirs, "@ipld/car read every block and checked its hash");
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static Cid unknown() {
        return Cid.of(Multicodec.RAW, new byte[] {9, 9, 9});
    }
}
