package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageTest {
    @TempDir
    Path dir;

    private static void assertUsageError(CliHarness.Result r, String expectedMessagePart) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains(expectedMessagePart), r.err());
        assertTrue(r.err().contains("Usage: solcial"), r.err());
    }

    @Test
    void unknownOptionIsUsageError() {
        assertUsageError(new CliHarness().run("id", "new", "--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void unknownSubcommandIsUsageError() {
        assertUsageError(new CliHarness().run("id", "frobnicate"), "frobnicate");
    }

    @Test
    void newWithoutTargetIsUsageError() {
        assertUsageError(new CliHarness().run("id", "new"), "Missing required argument");
    }

    @Test
    void newWithBothTargetsIsUsageError() {
        assertUsageError(new CliHarness().run("id", "new", "--out", "a", "--keystore", "b"), "mutually exclusive");
    }

    @Test
    void showWithoutFileIsUsageError() {
        assertUsageError(new CliHarness().run("id", "show"), "Missing required parameter: 'FILE'");
    }

    @Test
    void exportWithoutOutIsUsageError() {
        assertUsageError(new CliHarness().run("id", "export", "--keystore", "k"), "--out");
    }

    @Test
    void passphraseFileWithOutIsUsageErrorAndWritesNothing() {
        Path out = dir.resolve("id.json");
        assertUsageError(new CliHarness().run("id", "new", "--out", out.toString(), "--passphrase-file", "p"),
                "--passphrase-file applies only with --keystore");
        assertFalse(Files.exists(out));
    }

    @Test
    void bareCommandsAreUsageErrors() {
        assertUsageError(new CliHarness().run(), "Missing subcommand");
        assertUsageError(new CliHarness().run("id"), "Missing subcommand");
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        CliHarness.Result r = new CliHarness().run("-h");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Usage: solcial"));
        assertTrue(r.out().contains("id"));
        CliHarness.Result sub = new CliHarness().run("id", "new", "--help");
        assertEquals(0, sub.exitCode());
        assertTrue(sub.out().contains("--keystore"));
    }

    @Test
    void versionPrintsProjectVersion() {
        CliHarness.Result r = new CliHarness().run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().matches("solcial \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), r.out());
    }
}
