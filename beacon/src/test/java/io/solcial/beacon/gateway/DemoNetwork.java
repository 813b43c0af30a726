package io.solcial.beacon.gateway;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.log.LogEntry;
import io.solcial.log.PostContent;
import io.solcial.multiformats.Cid;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A small network for gateway tests and screenshots: three named authors (one with an avatar),
 * one without a profile, posts with text and images, a reply thread, likes and follows, a post
 * whose text is HTML and script, and a post a lying beacon forged in Bob's name.
 */
public final class DemoNetwork {
    public static final String XSS_TEXT = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> & \"quotes\"";
    public static final String XSS_NAME = "<b>Mallory</b><script>window.pwned=3</script>";

    public final FixtureNetwork network = new FixtureNetwork();
    public final Ed25519KeyPair alice = FixtureNetwork.key(1);
    public final Ed25519KeyPair bob = FixtureNetwork.key(2);
    public final Ed25519KeyPair carol = FixtureNetwork.key(3);
    public final Ed25519KeyPair dave = FixtureNetwork.key(4);
    public final Ed25519KeyPair mallory = FixtureNetwork.key(5);
    public final Cid avatar;
    public final Cid photo;
    public final byte[] photoBytes;
    public final LogEntry welcome;
    public final LogEntry photoPost;
    public final LogEntry reply;
    public final LogEntry xss;
    public final LogEntry forged;
    public final String welcomeText = "Hello Solcial! 👋 This is my first signed post.\nEvery word here is signed by my wallet key.";
    public final String replyText = "Welcome Alice! Your signature checks out in my browser.";

    public DemoNetwork() {
        avatar = network.file(png(128, 128, new Color(0x7c3aed), new Color(0xdb2777), "A"));
        photoBytes = png(800, 500, new Color(0x0ea5e9), new Color(0x22c55e), "sunrise");
        photo = network.file(photoBytes);
        network.profile(alice, "Alice Liddell", "Building a social network you can verify.\nDecentralised, signed, mine.",
                Optional.of(avatar));
        network.profile(bob, "Bob", "Photographer. Beacon operator.", Optional.empty());
        network.profile(carol, "Carol ☀️", "Reads everything, trusts nothing.", Optional.empty());
        network.profile(mallory, XSS_NAME, "<i>not a bio</i>", Optional.empty());
        welcome = network.post(alice, welcomeText);
        network.follow(bob, alice);
        network.follow(carol, alice);
        network.follow(alice, bob);
        photoPost = network.post(bob, "Morning light over the harbour. Shot on film, pinned on IPFS.",
                new PostContent.Media(photo, "image/png", Optional.of("sunrise.png")));
        reply = network.reply(bob, welcome, replyText);
        network.reply(carol, welcome, "Verified ✓ — and no server had to vouch for it.");
        network.like(bob, welcome);
        network.like(carol, welcome);
        network.like(alice, photoPost);
        network.post(dave, "No profile yet, just a key and a thought: logs > timelines.");
        network.post(carol, "Tip: every post page carries the signed entry. View source and check it yourself.");
        xss = network.post(mallory, XSS_TEXT);
        forged = network.forge(bob, mallory, "I, Bob, hereby give all my tokens to Mallory.");
        network.post(alice, "Second post: paging, replies and images all work from a beacon.");
    }

    public static byte[] png(int width, int height, Color from, Color to, String label) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, from, width, height, to));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(255, 255, 255, 200));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, Math.min(height / 2, width / label.length()))));
            int w = g.getFontMetrics().stringWidth(label);
            g.drawString(label, (width - w) / 2, height / 2 + g.getFontMetrics().getAscent() / 3);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
