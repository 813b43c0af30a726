package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.KeyFileFormat;
import io.solcial.identity.Keystore;
import io.solcial.identity.SolanaKeypairFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdCommandTest {
    static final String ZERO_SEED_PEER_ID = "12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN";
    static final String ZERO_SEED_ADDRESS = "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS";
    static final Pattern TWO_LINES = Pattern.compile("peer-id: 12D3KooW[1-9A-HJ-NP-Za-km-z]+\naddress: [1-9A-HJ-NP-Za-km-z]{32,44}\n");

    @TempDir
    Path dir;

    private Path zeroSeedKeypairFile() throws Exception {
        byte[] pub = HexFormat.of().parseHex("3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29");
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 32; i++) {
            j.add("0");
        }
        for (byte b : pub) {
            j.add(Integer.toString(b & 0xff));
        }
        Path file = dir.resolve("zero.json");
        Files.writeString(file, j.toString());
        return file;
    }

    private static void assertIdentity(CliHarness.Result r, String peerId, String address) {
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("peer-id: " + peerId, "address: " + address), r.outLines());
        assertEquals("", r.err());
    }

    @Test
    void showPrintsAllZeroSeedVector() throws Exception {
        CliHarness.Result r = new CliHarness().run("id", "show", zeroSeedKeypairFile().toString());
        assertIdentity(r, ZERO_SEED_PEER_ID, ZERO_SEED_ADDRESS);
    }

    @Test
    void newWritesOwnerOnlyKeypairFileAndPrintsTwoLines() throws Exception {
        Path file = dir.resolve("id.json");
        CliHarness.Result r = new CliHarness().run("id", "new", "--out", file.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(TWO_LINES.matcher(r.out()).matches(), r.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Ed25519KeyPair kp = SolanaKeypairFile.read(file);
        assertEquals(List.of("peer-id: " + kp.peerId(), "address: " + kp.publicKey().address()), r.outLines());
    }

    @Test
    void newRefusesToOverwriteWithoutForce() throws Exception {
        Path file = dir.resolve("id.json");
        Files.writeString(file, "keep me");
        CliHarness.Result r = new CliHarness().run("id", "new", "--out", file.toString());

        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("already exists") && r.err().contains("--force"),
                r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("keep me", Files.readString(file));

        CliHarness.Result forced = new CliHarness().run("id", "new", "--out", file.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals(KeyFileFormat.SOLANA_KEYPAIR, KeyFileFormat.detect(file));
    }

    @Test
    void newKeystoreWithEnvironmentPassphraseThenShowWithoutPassphrase() throws Exception {
        Path ks = dir.resolve("ks.json");
        CliHarness.Result made = new CliHarness().env("SOLCIAL_PASSPHRASE", "s3cret pass")
                .run("id", "new", "--keystore", ks.toString());
        assertEquals(0, made.exitCode(), made.err());
        assertTrue(TWO_LINES.matcher(made.out()).matches(), made.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ks)));
        assertFalse(Files.readString(ks).contains("s3cret"));

        CliHarness.Result shown = new CliHarness().run("id", "show", ks.toString());
        assertEquals(0, shown.exitCode(), shown.err());
        assertEquals(made.out(), shown.out());
        assertEquals(Keystore.unlock(ks, "s3cret pass".toCharArray()).peerId().toString(),
                made.outLines().get(0).substring("peer-id: ".length()));
    }

    @Test
    void newKeystoreAsksTwiceOnTerminal() throws Exception {
        Path ks = dir.resolve("ks.json");
        CliHarness h = new CliHarness().terminal("pass phrase", "pass phrase");
        CliHarness.Result r = h.run("id", "new", "--keystore", ks.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, h.prompts.size());
        Keystore.unlock(ks, "pass phrase".toCharArray());
    }

    @Test
    void newKeystoreFailsWhenTerminalEntriesDiffer() {
        Path ks = dir.resolve("ks.json");
        CliHarness.Result r = new CliHarness().terminal("one", "two").run("id", "new", "--keystore", ks.toString());
        assertEquals(1, r.exitCode());
        assertEquals("error: the passphrases do not match\n", r.err());
        assertFalse(Files.exists(ks));
    }

    @Test
    void keystoreWithoutAnyPassphraseSourceIsAClearError() {
        Path ks = dir.resolve("ks.json");
        CliHarness.Result r = new CliHarness().run("id", "new", "--keystore", ks.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("--passphrase-file")
                && r.err().contains("SOLCIAL_PASSPHRASE"), r.err());
        assertFalse(Files.exists(ks));
    }

    @Test
    void importThenExportRoundTripsTheZeroSeedVector() throws Exception {
        Path keypair = zeroSeedKeypairFile();
        Path ks = dir.resolve("ks.json");
        Path pass = dir.resolve("pass.txt");
        Files.writeString(pass, "file passphrase\n");

        CliHarness.Result imported = new CliHarness()
                .run("id", "import", keypair.toString(), "--keystore", ks.toString(), "--passphrase-file", pass.toString());
        assertIdentity(imported, ZERO_SEED_PEER_ID, ZERO_SEED_ADDRESS);
        assertIdentity(new CliHarness().run("id", "show", ks.toString()), ZERO_SEED_PEER_ID, ZERO_SEED_ADDRESS);

        Path exported = dir.resolve("exported.json");
        CliHarness.Result r = new CliHarness().env("SOLCIAL_PASSPHRASE", "file passphrase")
                .run("id", "export", "--keystore", ks.toString(), "--out", exported.toString());
        assertIdentity(r, ZERO_SEED_PEER_ID, ZERO_SEED_ADDRESS);
        assertEquals(Files.readString(keypair), Files.readString(exported));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(exported)));
    }

    @Test
    void passphraseFileTakesPrecedenceOverEnvironment() throws Exception {
        Path ks = dir.resolve("ks.json");
        Path pass = dir.resolve("pass.txt");
        Files.writeString(pass, "from file\r\nsecond line ignored\n");
        CliHarness.Result r = new CliHarness().env("SOLCIAL_PASSPHRASE", "from env")
                .run("id", "new", "--keystore", ks.toString(), "--passphrase-file", pass.toString());
        assertEquals(0, r.exitCode(), r.err());
        Keystore.unlock(ks, "from file".toCharArray());
    }

    @Test
    void exportWithWrongPassphraseFailsAndWritesNothing() throws Exception {
        Path ks = dir.resolve("ks.json");
        new CliHarness().env("SOLCIAL_PASSPHRASE", "right").run("id", "new", "--keystore", ks.toString());
        Path out = dir.resolve("out.json");

        CliHarness.Result r = new CliHarness().env("SOLCIAL_PASSPHRASE", "wrong")
                .run("id", "export", "--keystore", ks.toString(), "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("error: wrong passphrase for keystore " + ks + "\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void malformedKeypairFileIsOneLineError() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[1,2,3]");
        CliHarness.Result r = new CliHarness().run("id", "show", bad.toString());
        assertEquals(1, r.exitCode());
        assertEquals("error: " + bad + ": expected exactly 64 numbers, found 3\n", r.err());
    }

    @Test
    void missingFileIsOneLineError() {
        Path missing = dir.resolve("nope.json");
        CliHarness.Result r = new CliHarness().run("id", "show", missing.toString());
        assertEquals(1, r.exitCode());
        assertEquals("error: no such file: " + missing + "\n", r.err());
    }

    @Test
    void verboseAddsStackTrace() {
        Path missing = dir.resolve("nope.json");
        CliHarness.Result quiet = new CliHarness().run("id", "show", missing.toString());
        assertFalse(quiet.err().contains("\tat "));
        CliHarness.Result verbose = new CliHarness().run("id", "show", "--verbose", missing.toString());
        assertEquals(1, verbose.exitCode());
        assertTrue(verbose.err().contains("\tat "), verbose.err());
        CliHarness.Result debug = new CliHarness().env("SOLCIAL_DEBUG", "1").run("id", "show", missing.toString());
        assertTrue(debug.err().contains("\tat "), debug.err());
    }

    @Test
    void secretsNeverReachOutputOrErrors() throws Exception {
        Path keypair = zeroSeedKeypairFile();
        Path ks = dir.resolve("ks.json");
        CliHarness.Result imported = new CliHarness().env("SOLCIAL_PASSPHRASE", "pass-XYZZY-phrase")
                .run("id", "import", keypair.toString(), "--keystore", ks.toString(), "--verbose");
        CliHarness.Result failed = new CliHarness().env("SOLCIAL_PASSPHRASE", "pass-XYZZY-wrong")
                .run("id", "export", "--keystore", ks.toString(), "--out", dir.resolve("o.json").toString(), "--verbose");
        for (CliHarness.Result r : List.of(imported, failed)) {
            String all = r.out() + r.err();
            assertFalse(all.contains("XYZZY"), all);
            assertFalse(all.contains("[0,0,0"), all);
        }
    }

    @Test
    void existingKeystoreIsRefusedBeforeAnyPrompt() throws Exception {
        Path ks = dir.resolve("ks.json");
        Files.writeString(ks, "existing");
        CliHarness h = new CliHarness().terminal("pw", "pw");
        CliHarness.Result r = h.run("id", "import", zeroSeedKeypairFile().toString(), "--keystore", ks.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("already exists"), r.err());
        assertEquals(List.of(), h.prompts);
        assertEquals("existing", Files.readString(ks));
    }
}
