package io.solcial.overlay.hyparview;

/** Wire limits of HyParView messages, checked when a message is built (and so when decoded). */
public final class HyParViewConstants {
    /** Most peers a SHUFFLE or SHUFFLE_REPLY may carry. */
    public static final int MAX_SAMPLE_SIZE = 64;
    /** Largest time-to-live of a FORWARD_JOIN or SHUFFLE random walk. */
    public static final int MAX_TTL = 16;
    /** Longest JOIN_REFUSED reason, in characters. */
    public static final int MAX_REASON_LENGTH = 256;

    private HyParViewConstants() {
    }
}
