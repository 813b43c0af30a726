package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.beacon.Beacon;
import io.solcial.beacon.gateway.GatewayConfig;
import io.solcial.cli.control.ControlFile;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.SolanaKeypairFile;
import io.solcial.membership.InMemoryMembershipOracle;
import io.solcial.multiformats.Multiaddr;
import io.solcial.node.NodeConfig;
import io.solcial.node.OracleFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** post, like, follow, feed and profile in-process, with no node running: each starts one briefly. */
class UserCommandsTest {
    @TempDir
    Path dir;

    private static String after(String prefix, CliHarness.Result r) {
        return r.outLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in: " + r.out() + r.err()))
                .substring(prefix.length());
    }

    private static CliHarness.Result ok(String... args) {
        CliHarness.Result r = new CliHarness().run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + " -> " + r.out() + r.err());
        return r;
    }

    @Test
    void briefModeWorksWithoutARunningNodeAndIgnoresAStaleControlFile() throws Exception {
        String data = dir.resolve("me").toString();
        CliHarness.Result first = ok("post", "--data", data, "first post, \u001b[31mno colours\u001b[0m");
        assertTrue(first.err().contains("new identity"), first.err());
        assertTrue(first.err().contains("working offline"), first.err());
        String cid = after("posted: ", first);

        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        String account = SolanaKeypairFile.read(dir.resolve("me/identity.json")).publicKey().address();
        Files.writeString(dir.resolve("me/" + ControlFile.NAME), "{\"port\":" + deadPort + ",\"token\":\"" + "ab".repeat(32)
                + "\",\"account\":\"" + account + "\",\"pid\":1}");

        Path picture = dir.resolve("sunset.png");
        Files.write(picture, DemoNetwork.picture("test"));
        String reply = after("replied: ", ok("post", "--data", data, "with a picture", "--image", picture.toString(),
                "--reply-to", cid));
        assertFalse(Files.exists(dir.resolve("me/" + ControlFile.NAME)), "the stale control file was removed");
        ok("like", "--data", data, cid);
        assertTrue(ok("profile", "--data", data, "--set-name", "Me Myself", "--set-bio", "line one\nline two")
                .out().startsWith("updated: "));

        CliHarness.Result feed = ok("feed", "--data", data);
        assertTrue(feed.out().contains("  likes: 0  replies: 0  entry: " + reply), feed.out());
        assertTrue(feed.out().contains("  likes: 1  replies: 1  entry: " + cid), feed.out());
        assertTrue(feed.out().indexOf("entry: " + reply) < feed.out().indexOf("entry: " + cid), "newest first");
        assertTrue(feed.out().contains("Me Myself (" + account + ")"), feed.out());
        assertTrue(feed.out().contains("  media: baf"), feed.out());
        assertTrue(feed.out().contains("(image/png, sunset.png)"), feed.out());
        assertTrue(feed.out().contains("first post, \uFFFD[31mno colours\uFFFD[0m"), "escape sequences are defused");

        CliHarness.Result profile = ok("profile", "--data", data);
        assertTrue(profile.out().contains("name: Me Myself"), profile.out());
        assertTrue(profile.out().contains("bio: line one\n     line two"), profile.out());
        assertTrue(profile.out().contains("posts: 1  following: 0  followers: 0  entries: 4"), profile.out());
        assertTrue(ok("feed", "--data", data, "--json").out().contains("\"text\" : \"with a picture\""));
    }

    @Test
    void badInputIsAOneLineError() {
        String data = dir.resolve("me").toString();
        CliHarness.Result likeJunk = new CliHarness().run("like", "--data", data, "not-a-cid");
        assertEquals(1, likeJunk.exitCode());
        assertTrue(likeJunk.err().contains("error: not a valid CID: not-a-cid"), likeJunk.err());
        CliHarness.Result followJunk = new CliHarness().run("follow", "--data", data, "nobody");
        assertTrue(followJunk.err().contains("error: not a wallet address: nobody"), followJunk.err());
        CliHarness.Result missing = new CliHarness().run("post", "--data", data, "hi", "--image", "no-such.png");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("error: no such file: "), missing.err());
        CliHarness.Result strangerProfile = new CliHarness().run("profile", "--data", data,
                Ed25519KeyPair.generate().publicKey().address());
        assertEquals(1, strangerProfile.exitCode());
        assertTrue(strangerProfile.err().contains("are held here"), strangerProfile.err());
        CliHarness.Result both = new CliHarness().run("profile", "--data", data, "--set-name", "X",
                Ed25519KeyPair.generate().publicKey().address());
        assertTrue(both.err().contains("leave out ADDRESS"), both.err());
        assertEquals(2, new CliHarness().run("post", "hi").exitCode(), "--data is required");
    }

    @Test
    void twoUsersFollowingEachOtherThroughABeaconSeeEachOthersPostsInTheirFeeds() throws Exception {
        Ed25519KeyPair alice = Ed25519KeyPair.generate();
        Ed25519KeyPair bob = Ed25519KeyPair.generate();
        Ed25519KeyPair beaconKeys = Ed25519KeyPair.generate();
        InMemoryMembershipOracle oracle = new InMemoryMembershipOracle().register(alice.publicKey())
                .register(bob.publicKey()).register(beaconKeys.publicKey());
        Path a = Files.createDirectory(dir.resolve("alice"));
        Path b = Files.createDirectory(dir.resolve("bob"));
        SolanaKeypairFile.write(a.resolve("identity.json"), alice, false);
        SolanaKeypairFile.write(b.resolve("identity.json"), bob, false);
        try (Beacon beacon = Beacon.start(NodeConfig.defaults(beaconKeys, OracleFactory.of(oracle))
                        .withHost(Beacon.hostConfig(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")))),
                GatewayConfig.of("127.0.0.1", 0))) {
            String boot = beacon.addresses().get(0).toString();
            String members = beaconKeys.publicKey().address() + "," + alice.publicKey().address() + ","
                    + bob.publicKey().address();
            String[] aliceNet = {"--data", a.toString(), "--bootstrap", boot, "--member", members};
            String[] bobNet = {"--data", b.toString(), "--bootstrap", boot, "--member", members};

            ok(args("profile", aliceNet, "--set-name", "Alice"));
            CliHarness.Result follow = ok(args("follow", aliceNet, bob.publicKey().address()));
            assertTrue(follow.out().contains("replicated: held by 1 peer"), follow.out() + follow.err());
            ok(args("follow", bobNet, alice.publicKey().address()));
            Path picture = dir.resolve("sunset.png");
            Files.write(picture, DemoNetwork.picture("from Alice"));
            String alicePost = after("posted: ", ok(args("post", aliceNet, "hello Bob, from Alice", "--image",
                    picture.toString())));
            ok(args("post", bobNet, "hello Alice, from Bob"));

            CliHarness.Result bobFeed = ok(args("feed", bobNet));
            assertTrue(bobFeed.out().contains("Alice (" + alice.publicKey().address() + ")"), bobFeed.out());
            assertTrue(bobFeed.out().contains("  hello Bob, from Alice"), bobFeed.out());
            assertTrue(bobFeed.out().contains("(image/png, sunset.png)"), bobFeed.out());
            assertTrue(bobFeed.out().contains("  hello Alice, from Bob"), bobFeed.out());

            ok(args("like", bobNet, alicePost));
            CliHarness.Result aliceFeed = ok(args("feed", aliceNet));
            assertTrue(aliceFeed.out().contains("  hello Alice, from Bob"), aliceFeed.out());
            assertTrue(aliceFeed.out().contains("likes: 1  replies: 0  entry: " + alicePost), aliceFeed.out());

            CliHarness.Result bobOnAlice = ok(args("profile", bobNet, alice.publicKey().address()));
            assertTrue(bobOnAlice.out().contains("name: Alice"), bobOnAlice.out());
            assertTrue(bobOnAlice.out().contains("followers: 1"), bobOnAlice.out());
        }
    }

    private static String[] args(String command, String[] net, String... rest) {
        String[] out = new String[1 + net.length + rest.length];
        out[0] = command;
        System.arraycopy(net, 0, out, 1, net.length);
        System.arraycopy(rest, 0, out, 1 + net.length, rest.length);
        return out;
    }
}
