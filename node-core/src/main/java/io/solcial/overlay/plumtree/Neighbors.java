package io.solcial.overlay.plumtree;

import io.solcial.identity.PeerId;
import java.util.Arrays;

/**
 * Plumtree's links, in the order they came up. A node has a handful (its active view), so a lookup
 * scans their peer ids for the very object (a transport that keeps one id object per peer, as the
 * simulator does, is served without reading any id), then their hash codes — one cache line each —
 * instead of walking a hash map's nodes: the lookup runs on every message received. The arrays are
 * replaced, never changed, so a loop over {@link #all()} may send (and so change the links) safely.
 * Not thread-safe.
 */
final class Neighbors {
    private Link[] links = new Link[0];
    private PeerId[] peers = new PeerId[0];
    private int[] hashes = new int[0];

    /** The link to {@code peer}, or null when it is not a neighbour. */
    Link get(PeerId peer) {
        PeerId[] ps = peers;
        for (int i = 0; i < ps.length; i++) {
            if (ps[i] == peer) {
                return links[i];
            }
        }
        int h = peer.hashCode();
        int[] hs = hashes;
        for (int i = 0; i < hs.length; i++) {
            if (hs[i] == h) {
                Link link = links[i];
                if (peer.equals(link.peer)) {
                    return link;
                }
            }
        }
        return null;
    }

    /** Adds a link to {@code peer} unless there is one; false when there was. */
    boolean add(PeerId peer) {
        if (get(peer) != null) {
            return false;
        }
        int n = links.length;
        Link[] more = Arrays.copyOf(links, n + 1);
        PeerId[] morePeers = Arrays.copyOf(peers, n + 1);
        int[] moreHashes = Arrays.copyOf(hashes, n + 1);
        more[n] = new Link(peer);
        morePeers[n] = peer;
        moreHashes[n] = peer.hashCode();
        links = more;
        peers = morePeers;
        hashes = moreHashes;
        return true;
    }

    /** Removes and returns the link to {@code peer}, or null when there was none. */
    Link remove(PeerId peer) {
        Link link = get(peer);
        if (link == null) {
            return null;
        }
        Link[] fewer = new Link[links.length - 1];
        PeerId[] fewerPeers = new PeerId[links.length - 1];
        int[] fewerHashes = new int[links.length - 1];
        int j = 0;
        for (int i = 0; i < links.length; i++) {
            if (links[i] != link) {
                fewer[j] = links[i];
                fewerPeers[j] = peers[i];
                fewerHashes[j++] = hashes[i];
            }
        }
        links = fewer;
        peers = fewerPeers;
        hashes = fewerHashes;
        return link;
    }

    /** Every link in the order they came up; the array is never changed afterwards. */
    Link[] all() {
        return links;
    }
}
