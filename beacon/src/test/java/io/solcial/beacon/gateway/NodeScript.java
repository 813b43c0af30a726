package io.solcial.beacon.gateway;

import static org.junit.jupiter.api.Assertions.fail;

import io.solcial.net.interop.JsHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code interop/} with the pinned Node and returns its stdout; fails the test
 * when it exits non-zero or takes longer than {@code timeoutSeconds} (the scripts bound their
 * own waits, so stdout ends well before). Without an interop install it fails under CI=true and
 * skips elsewhere ({@link JsHarness#requireNode()}).
 */
public final class NodeScript {
    private NodeScript() {
    }

    public static String run(int timeoutSeconds, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JsHarness.requireNode().toString(),
                JsHarness.script(script).toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("node-script-", ".stderr");
        try {
            Process process = new ProcessBuilder(command).directory(JsHarness.interopDir().toFile())
                    .redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            byte[] out;
            try (InputStream stdout = process.getInputStream()) {
                out = stdout.readAllBytes();
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(script + " did not finish in " + timeoutSeconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail(script + " failed (exit " + process.exitValue() + "): " + text + "\n" + Files.readString(stderr));
            }
            return text;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
