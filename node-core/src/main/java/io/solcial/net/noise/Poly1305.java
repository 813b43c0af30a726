package io.solcial.net.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Poly1305 one-time authenticator (RFC 8439 §2.5), on five 26-bit limbs with 64-bit products
 * (the "donna" layout), a few times faster than the JDK 17 implementation. One instance per
 * message: {@link #update} any number of times, then {@link #finish} once. Not thread-safe.
 */
final class Poly1305 {
    static final int KEY_LENGTH = 32;
    static final int TAG_LENGTH = 16;
    private static final int M26 = 0x3ffffff;
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final long r0;
    private final long r1;
    private final long r2;
    private final long r3;
    private final long r4;
    /** r^2 mod p in 26-bit limbs: two blocks at a time are (h + m1) r^2 + m2 r, one carry chain. */
    private final long q0;
    private final long q1;
    private final long q2;
    private final long q3;
    private final long q4;
    private final int pad0;
    private final int pad1;
    private final int pad2;
    private final int pad3;
    private long h0;
    private long h1;
    private long h2;
    private long h3;
    private long h4;
    private final byte[] partial = new byte[16];
    private final long[] scratch = new long[5];
    private int partialLength;

    /** A new authenticator for the one-time key of words {@code key[0..7]} (r, then s). */
    Poly1305(int[] key) {
        int t0 = key[0];
        int t1 = key[1];
        int t2 = key[2];
        int t3 = key[3];
        // r is clamped (RFC 8439 §2.5) while being split into 26-bit limbs.
        r0 = t0 & 0x3ffffff;
        r1 = ((t0 >>> 26) | (t1 << 6)) & 0x3ffff03;
        r2 = ((t1 >>> 20) | (t2 << 12)) & 0x3ffc0ff;
        r3 = ((t2 >>> 14) | (t3 << 18)) & 0x3f03fff;
        r4 = (t3 >>> 8) & 0x00fffff;
        multiply(r0, r1, r2, r3, r4, r0, r1, r2, r3, r4, scratch);
        q0 = scratch[0];
        q1 = scratch[1];
        q2 = scratch[2];
        q3 = scratch[3];
        q4 = scratch[4];
        pad0 = key[4];
        pad1 = key[5];
        pad2 = key[6];
        pad3 = key[7];
    }

    /** Adds {@code length} bytes of {@code in}. */
    void update(byte[] in, int offset, int length) {
        if (partialLength > 0) {
            int n = Math.min(16 - partialLength, length);
            System.arraycopy(in, offset, partial, partialLength, n);
            partialLength += n;
            offset += n;
            length -= n;
            if (partialLength < 16) {
                return;
            }
            blocks(partial, 0, 16, 1 << 24);
            partialLength = 0;
        }
        int full = length & ~15;
        if (full > 0) {
            blocks(in, offset, full, 1 << 24);
        }
        int rest = length - full;
        if (rest > 0) {
            System.arraycopy(in, offset + full, partial, 0, rest);
            partialLength = rest;
        }
    }

    /** Adds zero bytes up to the next multiple of 16 (the AEAD's padding). */
    void padToBlock() {
        if (partialLength > 0) {
            java.util.Arrays.fill(partial, partialLength, 16, (byte) 0);
            blocks(partial, 0, 16, 1 << 24);
            partialLength = 0;
        }
    }

    /** Writes the 16-byte tag to {@code out[offset..]}. */
    void finish(byte[] out, int offset) {
        if (partialLength > 0) {
            partial[partialLength] = 1;
            java.util.Arrays.fill(partial, partialLength + 1, 16, (byte) 0);
            blocks(partial, 0, 16, 0);
            partialLength = 0;
        }
        long c;
        c = h1 >>> 26; h1 &= M26; h2 += c;
        c = h2 >>> 26; h2 &= M26; h3 += c;
        c = h3 >>> 26; h3 &= M26; h4 += c;
        c = h4 >>> 26; h4 &= M26; h0 += c * 5;
        c = h0 >>> 26; h0 &= M26; h1 += c;
        // g = h + 5 - 2^130; use g when it does not go negative (h >= p).
        long g0 = h0 + 5;
        c = g0 >>> 26; g0 &= M26;
        long g1 = h1 + c;
        c = g1 >>> 26; g1 &= M26;
        long g2 = h2 + c;
        c = g2 >>> 26; g2 &= M26;
        long g3 = h3 + c;
        c = g3 >>> 26; g3 &= M26;
        long g4 = h4 + c - (1L << 26);
        long useG = (g4 >>> 63) - 1; // all ones when g4 >= 0
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & useG);
        // h mod 2^128 as four 32-bit words, plus the pad s.
        long f0 = ((h0) | (h1 << 26)) & 0xffffffffL;
        long f1 = ((h1 >>> 6) | (h2 << 20)) & 0xffffffffL;
        long f2 = ((h2 >>> 12) | (h3 << 14)) & 0xffffffffL;
        long f3 = ((h3 >>> 18) | (h4 << 8)) & 0xffffffffL;
        f0 += pad0 & 0xffffffffL;
        f1 += (pad1 & 0xffffffffL) + (f0 >>> 32);
        f2 += (pad2 & 0xffffffffL) + (f1 >>> 32);
        f3 += (pad3 & 0xffffffffL) + (f2 >>> 32);
        LE_INT.set(out, offset, (int) f0);
        LE_INT.set(out, offset + 4, (int) f1);
        LE_INT.set(out, offset + 8, (int) f2);
        LE_INT.set(out, offset + 12, (int) f3);
    }

    /** {@code out = a * b mod p} with the carries done (limb 1 may exceed 26 bits by a little). */
    private static void multiply(long a0, long a1, long a2, long a3, long a4,
                                 long b0, long b1, long b2, long b3, long b4, long[] out) {
        long z1 = b1 * 5;
        long z2 = b2 * 5;
        long z3 = b3 * 5;
        long z4 = b4 * 5;
        carry(a0 * b0 + a1 * z4 + a2 * z3 + a3 * z2 + a4 * z1,
                a0 * b1 + a1 * b0 + a2 * z4 + a3 * z3 + a4 * z2,
                a0 * b2 + a1 * b1 + a2 * b0 + a3 * z4 + a4 * z3,
                a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + a4 * z4,
                a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0, out);
    }

    private static void carry(long d0, long d1, long d2, long d3, long d4, long[] out) {
        long c = d0 >>> 26;
        long a0 = d0 & M26;
        d1 += c;
        c = d1 >>> 26;
        long a1 = d1 & M26;
        d2 += c;
        c = d2 >>> 26;
        out[2] = d2 & M26;
        d3 += c;
        c = d3 >>> 26;
        out[3] = d3 & M26;
        d4 += c;
        c = d4 >>> 26;
        out[4] = d4 & M26;
        a0 += c * 5;
        c = a0 >>> 26;
        out[0] = a0 & M26;
        out[1] = a1 + c;
    }

    /**
     * Processes {@code length} (a multiple of 16) bytes; {@code hibit} is 2^24 for full blocks.
     * Pairs of blocks go as {@code h = (h + m1) r^2 + m2 r}: the same multiplications as two
     * single steps but one carry chain, and two products the CPU can compute side by side.
     */
    private void blocks(byte[] in, int offset, int length, long hibit) {
        final long s1 = r1 * 5;
        final long s2 = r2 * 5;
        final long s3 = r3 * 5;
        final long s4 = r4 * 5;
        final long z1 = q1 * 5;
        final long z2 = q2 * 5;
        final long z3 = q3 * 5;
        final long z4 = q4 * 5;
        long a0 = h0;
        long a1 = h1;
        long a2 = h2;
        long a3 = h3;
        long a4 = h4;
        int end = offset + length;
        for (; end - offset >= 32; offset += 32) {
            long t0 = (int) LE_INT.get(in, offset) & 0xffffffffL;
            long t1 = (int) LE_INT.get(in, offset + 4) & 0xffffffffL;
            long t2 = (int) LE_INT.get(in, offset + 8) & 0xffffffffL;
            long t3 = (int) LE_INT.get(in, offset + 12) & 0xffffffffL;
            a0 += t0 & M26;
            a1 += ((t0 >>> 26) | (t1 << 6)) & M26;
            a2 += ((t1 >>> 20) | (t2 << 12)) & M26;
            a3 += ((t2 >>> 14) | (t3 << 18)) & M26;
            a4 += (t3 >>> 8) | hibit;
            long u0 = (int) LE_INT.get(in, offset + 16) & 0xffffffffL;
            long u1 = (int) LE_INT.get(in, offset + 20) & 0xffffffffL;
            long u2 = (int) LE_INT.get(in, offset + 24) & 0xffffffffL;
            long u3 = (int) LE_INT.get(in, offset + 28) & 0xffffffffL;
            long b0 = u0 & M26;
            long b1 = ((u0 >>> 26) | (u1 << 6)) & M26;
            long b2 = ((u1 >>> 20) | (u2 << 12)) & M26;
            long b3 = ((u2 >>> 14) | (u3 << 18)) & M26;
            long b4 = (u3 >>> 8) | hibit;

            long d0 = a0 * q0 + a1 * z4 + a2 * z3 + a3 * z2 + a4 * z1
                    + b0 * r0 + b1 * s4 + b2 * s3 + b3 * s2 + b4 * s1;
            long d1 = a0 * q1 + a1 * q0 + a2 * z4 + a3 * z3 + a4 * z2
                    + b0 * r1 + b1 * r0 + b2 * s4 + b3 * s3 + b4 * s2;
            long d2 = a0 * q2 + a1 * q1 + a2 * q0 + a3 * z4 + a4 * z3
                    + b0 * r2 + b1 * r1 + b2 * r0 + b3 * s4 + b4 * s3;
            long d3 = a0 * q3 + a1 * q2 + a2 * q1 + a3 * q0 + a4 * z4
                    + b0 * r3 + b1 * r2 + b2 * r1 + b3 * r0 + b4 * s4;
            long d4 = a0 * q4 + a1 * q3 + a2 * q2 + a3 * q1 + a4 * q0
                    + b0 * r4 + b1 * r3 + b2 * r2 + b3 * r1 + b4 * r0;

            long c = d0 >>> 26;
            a0 = d0 & M26;
            d1 += c;
            c = d1 >>> 26;
            a1 = d1 & M26;
            d2 += c;
            c = d2 >>> 26;
            a2 = d2 & M26;
            d3 += c;
            c = d3 >>> 26;
            a3 = d3 & M26;
            d4 += c;
            c = d4 >>> 26;
            a4 = d4 & M26;
            a0 += c * 5;
            c = a0 >>> 26;
            a0 &= M26;
            a1 += c;
        }
        h0 = a0;
        h1 = a1;
        h2 = a2;
        h3 = a3;
        h4 = a4;
        if (offset < end) { // one block left: h = (h + m) r
            long t0 = (int) LE_INT.get(in, offset) & 0xffffffffL;
            long t1 = (int) LE_INT.get(in, offset + 4) & 0xffffffffL;
            long t2 = (int) LE_INT.get(in, offset + 8) & 0xffffffffL;
            long t3 = (int) LE_INT.get(in, offset + 12) & 0xffffffffL;
            multiply(a0 + (t0 & M26), a1 + (((t0 >>> 26) | (t1 << 6)) & M26), a2 + (((t1 >>> 20) | (t2 << 12)) & M26),
                    a3 + (((t2 >>> 14) | (t3 << 18)) & M26), a4 + ((t3 >>> 8) | hibit), r0, r1, r2, r3, r4, scratch);
            h0 = scratch[0];
            h1 = scratch[1];
            h2 = scratch[2];
            h3 = scratch[3];
            h4 = scratch[4];
        }
    }
}
