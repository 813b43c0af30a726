package io.solcial.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Deterministic pseudo-random content, streamed so large sizes cost no memory. */
final class TestData {
    private TestData() {
    }

    static InputStream stream(long size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return random.nextInt(256);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) random.nextInt(256);
                }
                left -= n;
                return n;
            }
        };
    }

    static byte[] bytes(int size, long seed) throws IOException {
        return stream(size, seed).readAllBytes();
    }

    static Path file(Path dir, long size, long seed) throws IOException {
        Path file = dir.resolve("data-" + size + "-" + seed + ".bin");
        try (InputStream in = stream(size, seed); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return file;
    }
}
