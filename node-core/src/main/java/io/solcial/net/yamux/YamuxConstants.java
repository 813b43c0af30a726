package io.solcial.net.yamux;

/** Wire constants of yamux {@code /yamux/1.0.0} (libp2p/specs yamux/README.md). */
public final class YamuxConstants {
    public static final String PROTOCOL_ID = "/yamux/1.0.0";
    public static final int VERSION = 0;
    public static final int HEADER_LENGTH = 12;

    public static final int TYPE_DATA = 0;
    public static final int TYPE_WINDOW_UPDATE = 1;
    public static final int TYPE_PING = 2;
    public static final int TYPE_GO_AWAY = 3;

    public static final int FLAG_SYN = 0x1;
    public static final int FLAG_ACK = 0x2;
    public static final int FLAG_FIN = 0x4;
    public static final int FLAG_RST = 0x8;

    /** Both sides assume this window for every new stream (256 KiB). */
    public static final int INITIAL_WINDOW = 256 * 1024;
    /** Unacknowledged streams a peer may have open (the spec's SHOULD). */
    public static final int ACK_BACKLOG = 256;

    public static final int GO_AWAY_NORMAL = 0;
    public static final int GO_AWAY_PROTOCOL_ERROR = 1;
    public static final int GO_AWAY_INTERNAL_ERROR = 2;

    private YamuxConstants() {
    }
}
