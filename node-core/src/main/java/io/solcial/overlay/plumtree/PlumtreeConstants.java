package io.solcial.overlay.plumtree;

/** Wire limits of the Plumtree messages, checked when a message is built (and so when decoded). */
public final class PlumtreeConstants {
    /** Broadcast payloads are announcements (an entry CID and its author): small by design. */
    public static final int MAX_PAYLOAD_LENGTH = 64 * 1024;
    /** Message ids in one IHAVE; a longer batch is split into several IHAVEs. */
    public static final int MAX_IHAVE_IDS = 512;
    /** Hop counts above this are refused (no real tree is this deep; keeps {@code round + 1} safe). */
    public static final int MAX_ROUND = 65_535;

    private PlumtreeConstants() {}
}
