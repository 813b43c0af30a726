package io.solcial.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solcial.multiformats.Cid;
import io.solcial.net.interop.JsHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks our UnixFS importer and CAR codec against Helia (@helia/unixfs) and @ipld/car, run by
 * the Node 22 binary that {@code npm install --no-save} puts in {@code ../interop}. Under CI=true a missing
 * interop install fails the test; elsewhere it skips with a message.
 */
class UnixFsHeliaInteropTest {
    private static final int CHUNK = UnixFsImporter.DEFAULT_CHUNK_SIZE;
    private static final long TIMEOUT_SECONDS = 180;

    private static Path interop;
    private static Path node;

    @TempDir
    Path dir;

    /** Per test, so a skip shows up as skipped tests with the reason, not as zero tests. */
    @BeforeEach
    void requireHarness() {
        interop = JsHarness.interopDir();
        node = JsHarness.requireNode();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, CHUNK, CHUNK + 1, 5L * 1024 * 1024, 174L * CHUNK + 1})
    void rootCidMatchesHelia(long size) throws Exception {
        Path file = TestData.file(dir, size, size + 17);
        ImportedFile ours;
        try (InputStream in = Files.newInputStream(file)) {
            ours = new UnixFsImporter(block -> { }).importStream(in);
        }
        assertEquals(size, ours.size());
        String helia = run("unixfs-cid.mjs", file.toString()).trim();
        assertEquals(helia, ours.root().toString(), "root CID for " + size + " bytes");
    }

    @Test
    void carWrittenByJsIsByteIdenticalToOurs() throws Exception {
        for (long size : new long[] {0, CHUNK + 1, 3L * CHUNK + 5}) {
            Path file = TestData.file(dir, size, 5);
            HashMapBlocks blocks = new HashMapBlocks();
            ImportedFile ours;
            try (InputStream in = Files.newInputStream(file)) {
                ours = new UnixFsImporter(blocks).importStream(in);
            }
            Path jsCar = dir.resolve("js-" + size + ".car");
            assertEquals(ours.root().toString(), run("car.mjs", "write", file.toString(), jsCar.toString()).trim());
            ByteArrayOutputStream ourCar = new ByteArrayOutputStream();
            Car.exportDag(blocks, ours.root(), ourCar);
            assertArrayEquals(Files.readAllBytes(jsCar), ourCar.toByteArray(), "CAR bytes for " + size);

            HashMapBlocks imported = new HashMapBlocks();
            Car.ImportResult result = Car.importCar(jsCar, imported);
            assertEquals(List.of(ours.root()), result.roots());
            try (InputStream back = new UnixFsReader(imported).open(ours.root())) {
                assertArrayEquals(Files.readAllBytes(file), back.readAllBytes());
            }
        }
    }

    @Test
    void jsReadsAndVerifiesOurCar() throws Exception {
        long size = 5L * CHUNK + 3;
        HashMapBlocks blocks = new HashMapBlocks();
        ImportedFile ours = new UnixFsImporter(blocks).importStream(TestData.stream(size, 8));
        Path car = dir.resolve("ours.car");
        long written = Car.exportDag(blocks, ours.root(), car);
        JsonNode json = new ObjectMapper().readTree(run("car.mjs", "read", car.toString()));
        assertEquals(ours.root().toString(), json.get("roots").get(0).asText());
        List<Cid> listed = new ArrayList<>();
        json.get("blocks").forEach(b -> listed.add(Cid.parse(b.asText())));
        assertEquals(written, listed.size());
        assertEquals(ours.root(), listed.get(0));
        assertTrue(blocks.asMap().keySet().containsAll(listed));
    }

    private static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node.toString(), interop.resolve(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(interop.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        byte[] out;
        try (InputStream stdout = process.getInputStream()) {
            out = stdout.readAllBytes();
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(script + " timed out after " + TIMEOUT_SECONDS + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), script + " failed: " + text);
        return text;
    }
}
