package io.solcial.exchange.bitswap;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic byte stream of {@code interop/helia-peer.mjs --add-random N --seed S}:
 * SHA-256(utf8(S) || uint64be(0)) || SHA-256(utf8(S) || uint64be(1)) || ..., truncated to N bytes.
 */
final class SeededBytes extends InputStream {
    private final byte[] seed;
    private final long total;
    private final MessageDigest sha;
    private long position;
    private long counter;
    private byte[] block = new byte[0];
    private int blockPos;

    SeededBytes(String seed, long total) {
        this.seed = seed.getBytes(StandardCharsets.UTF_8);
        this.total = total;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] all(String seed, int total) throws java.io.IOException {
        try (SeededBytes in = new SeededBytes(seed, total)) {
            return in.readAllBytes();
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= total) {
            return -1;
        }
        int n = 0;
        while (n < len && position < total) {
            if (blockPos == block.length) {
                sha.update(seed);
                sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
                block = sha.digest();
                blockPos = 0;
            }
            int k = (int) Math.min(Math.min(len - n, block.length - blockPos), total - position);
            System.arraycopy(block, blockPos, b, off + n, k);
            blockPos += k;
            n += k;
            position += k;
        }
        return n;
    }
}
