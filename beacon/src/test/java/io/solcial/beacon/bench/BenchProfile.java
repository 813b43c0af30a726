package io.solcial.beacon.bench;

import io.solcial.beacon.gateway.DemoNetwork;
import io.solcial.beacon.gateway.FixtureNetwork;
import io.solcial.content.Block;
import io.solcial.content.BlockLinks;
import io.solcial.content.Blockstore;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.StoreException;
import io.solcial.content.UnixFsImporter;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.log.LogEntry;
import io.solcial.log.LogStore;
import io.solcial.log.PostContent;
import io.solcial.multiformats.Cid;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The benchmark's data: one author ("Alice") with a profile, an avatar and {@code posts} signed
 * posts (every fifth with a photo, one with a 1 MiB attachment), five other authors who follow
 * her, like and answer some posts. Written with real signed entries into {@code store}.
 */
final class BenchProfile {
    final FixtureNetwork network;
    final Ed25519KeyPair author = FixtureNetwork.key(1);
    /** A post's signed entry block (a few hundred bytes). */
    final Cid entryBlock;
    /** A 256 KiB leaf of the 1 MiB attachment. */
    final Cid leafBlock;

    BenchProfile(Blockstore store, int posts) throws StoreException, CorruptBlockException {
        network = new FixtureNetwork(store);
        Cid avatar = network.file(DemoNetwork.png(128, 128, new Color(0x7c3aed), new Color(0xdb2777), "A"),
                UnixFsImporter.DEFAULT_CHUNK_SIZE);
        network.profile(author, "Alice Liddell", "Building a social network you can verify.\nDecentralised, signed, mine.",
                Optional.of(avatar));
        List<Ed25519KeyPair> friends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Ed25519KeyPair friend = FixtureNetwork.key(10 + i);
            friends.add(friend);
            network.profile(friend, "Friend " + i, "Reads Alice.", Optional.empty());
            network.follow(friend, author);
        }
        byte[] attachment = new byte[4 * UnixFsImporter.DEFAULT_CHUNK_SIZE];
        new Random(1).nextBytes(attachment);
        Cid big = network.file(attachment, UnixFsImporter.DEFAULT_CHUNK_SIZE);
        LogEntry first = null;
        for (int i = 0; i < posts; i++) {
            String text = "Post " + i + ": notes on verifiable feeds, signed logs and beacons. "
                    + "Every word here is signed by my wallet key & checked in your browser <3";
            LogEntry post;
            if (i % 5 == 0) {
                Cid photo = network.file(DemoNetwork.png(800, 500, new Color(0x0ea5e9), new Color(0x22c55e), "photo " + i),
                        UnixFsImporter.DEFAULT_CHUNK_SIZE);
                post = network.post(author, text, new PostContent.Media(photo, "image/png", Optional.of("photo" + i + ".png")));
            } else if (i == 1) {
                post = network.post(author, text, new PostContent.Media(big, "application/octet-stream", Optional.of("data.bin")));
            } else {
                post = network.post(author, text);
            }
            Ed25519KeyPair friend = friends.get(i % friends.size());
            network.like(friend, post);
            if (i % 3 == 0) {
                network.reply(friend, post, "Reply to post " + i + ": agreed, and verified.");
            }
            first = first == null ? post : first;
        }
        entryBlock = first.cid();
        Block root = store.get(big).orElseThrow();
        leafBlock = BlockLinks.of(root).iterator().next();
    }

    /** Copies every author's log into the node's log store (the blocks are already in the node's store). */
    void copyLogsTo(LogStore log, Blockstore store) throws StoreException, CorruptBlockException {
        for (Map.Entry<Ed25519PublicKey, List<LogEntry>> e : network.logs().entrySet()) {
            List<LogStore.Item> items = new ArrayList<>();
            for (LogEntry entry : e.getValue()) {
                items.add(new LogStore.Item(entry, store.get(entry.cid()).orElseThrow()));
            }
            log.addAll(items);
        }
    }
}
