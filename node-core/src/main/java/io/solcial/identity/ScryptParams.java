package io.solcial.identity;

/**
 * scrypt cost parameters for the keystore (RFC 7914). Memory use is {@code 128 * r * n} bytes.
 * The bounds keep a hostile keystore file from asking for gigabytes or hours.
 */
public record ScryptParams(int n, int r, int p) {
    /** 2^17: 128 MiB, one to two seconds with BouncyCastle on a laptop (geth's keystore uses 2^18). */
    public static final int DEFAULT_N = 1 << 17;
    public static final int DEFAULT_R = 8;
    public static final int DEFAULT_P = 1;
    /** Upper bound on memory a keystore may demand: 1 GiB. */
    public static final long MAX_MEMORY_BYTES = 1L << 30;
    public static final int MAX_P = 16;

    public ScryptParams {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt N must be a power of two >= 2, got " + n);
        }
        if (r < 1 || r > 64) {
            throw new IllegalArgumentException("scrypt r must be 1..64, got " + r);
        }
        if (p < 1 || p > MAX_P) {
            throw new IllegalArgumentException("scrypt p must be 1.." + MAX_P + ", got " + p);
        }
        if (128L * r * n > MAX_MEMORY_BYTES) {
            throw new IllegalArgumentException("scrypt N=" + n + ", r=" + r + " needs more than 1 GiB");
        }
    }

    public static ScryptParams defaults() {
        return new ScryptParams(DEFAULT_N, DEFAULT_R, DEFAULT_P);
    }
}
