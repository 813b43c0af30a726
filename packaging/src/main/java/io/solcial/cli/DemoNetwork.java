package io.solcial.cli;

import io.solcial.beacon.Beacon;
import io.solcial.beacon.gateway.GatewayConfig;
import io.solcial.chain.LocalRegistry;
import io.solcial.content.StoreException;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.log.LogEntry;
import io.solcial.multiformats.Multiaddr;
import io.solcial.node.MediaUpload;
import io.solcial.node.Node;
import io.solcial.node.NodeConfig;
import io.solcial.node.OracleFactory;
import io.solcial.store.Database;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The local demo network: an embedded registry with every demo account registered, a beacon, and
 * demo users on loopback who set up profiles, follow each other, post (text and an image), reply and
 * like. Everything runs in this process, in memory.
 */
final class DemoNetwork implements AutoCloseable {
    static final List<String> NAMES = List.of("Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi");
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");

    private final Database registryDb;
    private final Beacon beacon;
    private final List<Node> users;

    private DemoNetwork(Database registryDb, Beacon beacon, List<Node> users) {
        this.registryDb = registryDb;
        this.beacon = beacon;
        this.users = users;
    }

    static DemoNetwork start(int userCount, GatewayConfig http, PrintWriter out) throws Exception {
        if (userCount < 1 || userCount > NAMES.size()) {
            throw new CliFailure("--users must be 1.." + NAMES.size());
        }
        Database registryDb = Database.inMemory();
        List<Node> users = new ArrayList<>();
        Beacon beacon = null;
        try {
            LocalRegistry registry = new LocalRegistry(registryDb);
            Ed25519KeyPair beaconKeys = Ed25519KeyPair.generate();
            registry.register(beaconKeys.publicKey());
            List<Ed25519KeyPair> keys = new ArrayList<>();
            for (int i = 0; i < userCount; i++) {
                keys.add(Ed25519KeyPair.generate());
                registry.register(keys.get(i).publicKey());
            }
            OracleFactory chain = OracleFactory.of(registry);
            beacon = Beacon.start(NodeConfig.defaults(beaconKeys, chain).withHost(Beacon.hostConfig(List.of(LOOPBACK))),
                    http);
            out.println("beacon: " + beacon.addresses().get(0));
            out.flush();
            for (int i = 0; i < userCount; i++) {
                users.add(Node.start(NodeConfig.defaults(keys.get(i), chain).withBootstrap(beacon.addresses())));
            }
            for (Node u : users) {
                u.joined().get(30, TimeUnit.SECONDS);
            }
            DemoNetwork demo = new DemoNetwork(registryDb, beacon, users);
            demo.populate(out);
            return demo;
        } catch (Exception | Error e) {
            users.forEach(Node::close);
            if (beacon != null) {
                beacon.close();
            }
            registryDb.close();
            throw e;
        }
    }

    Beacon beacon() {
        return beacon;
    }

    List<Node> users() {
        return users;
    }

    private void populate(PrintWriter out) throws Exception {
        int expected = 0;
        for (int i = 0; i < users.size(); i++) {
            Node u = users.get(i);
            u.updateProfile(Optional.of(NAMES.get(i)), Optional.of(NAMES.get(i) + " runs a Solcial node on this machine."),
                    Optional.of(MediaUpload.of(avatar(NAMES.get(i), i), "image/png", "avatar.png")));
            expected++;
            for (Node other : users) {
                if (other != u) {
                    u.follow(other.account());
                    expected++;
                }
            }
        }
        List<LogEntry> posts = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            String text = "Hello from " + NAMES.get(i) + "! This post lives in my own signed log and is replicated "
                    + "by my friends and the beacon.";
            List<MediaUpload> media = i == 0
                    ? List.of(MediaUpload.of(picture("A sunset on loopback"), "image/png", "sunset.png")) : List.of();
            posts.add(users.get(i).post(text, media));
            expected++;
        }
        if (users.size() > 1) {
            users.get(1).reply(posts.get(0).cid(), "Lovely picture, " + NAMES.get(0) + "!", List.of());
            users.get(users.size() - 1).like(posts.get(0).cid());
            expected += 2;
        }
        out.println("demo: " + users.size() + " users wrote " + expected + " entries; waiting for the beacon to hold them");
        out.flush();
        awaitBeacon(expected);
    }

    private void awaitBeacon(int expected) throws InterruptedException, StoreException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean askedAgain = false;
        while (beacon.node().status().entries() < expected && System.nanoTime() < end) {
            if (!askedAgain && System.nanoTime() > end - Duration.ofSeconds(25).toNanos()) {
                users.forEach(u -> beacon.node().sync(u.account())); // announcements sent before the overlay settled
                askedAgain = true;
            }
            Thread.sleep(100);
        }
        long held = beacon.node().status().entries();
        if (held < expected) {
            throw new StoreException("the beacon holds " + held + " of " + expected + " demo entries after 30 s");
        }
    }

    static byte[] avatar(String name, int index) throws IOException {
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(index / 8f, 0.6f, 0.95f), 256, 256,
                Color.getHSBColor(index / 8f + 0.15f, 0.7f, 0.6f)));
        g.fillRect(0, 0, 256, 256);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 140));
        String letter = name.substring(0, 1);
        g.drawString(letter, 128 - g.getFontMetrics().stringWidth(letter) / 2, 178);
        g.dispose();
        return png(img);
    }

    static byte[] picture(String caption) throws IOException {
        BufferedImage img = new BufferedImage(1024, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(255, 150, 60), 0, 640, new Color(70, 40, 120)));
        g.fillRect(0, 0, 1024, 640);
        g.setColor(new Color(255, 230, 120));
        g.fillOval(412, 300, 200, 200);
        g.setColor(new Color(30, 20, 60));
        g.fillRect(0, 430, 1024, 210);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
        g.drawString(caption, 40, 600);
        g.dispose();
        return png(img);
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Override
    public void close() {
        users.forEach(Node::close);
        beacon.close();
        registryDb.close();
    }
}
