package io.solcial.multiformats;

/** The multicodec codes this project knows (multicodec table.csv). */
public final class Multicodec {
    public static final int IDENTITY = 0x00;
    public static final int SHA2_256 = 0x12;
    public static final int RAW = 0x55;
    public static final int DAG_PB = 0x70;
    public static final int DAG_CBOR = 0x71;
    public static final int LIBP2P_KEY = 0x72;
    public static final int DAG_JSON = 0x0129;

    private Multicodec() {
    }

    /** True for the content codecs a CID may carry here. */
    public static boolean isKnownContentCodec(long code) {
        return code == RAW || code == DAG_PB || code == DAG_CBOR || code == LIBP2P_KEY || code == DAG_JSON;
    }

    public static String name(long code) {
        if (code == IDENTITY) return "identity";
        if (code == SHA2_256) return "sha2-256";
        if (code == RAW) return "raw";
        if (code == DAG_PB) return "dag-pb";
        if (code == DAG_CBOR) return "dag-cbor";
        if (code == LIBP2P_KEY) return "libp2p-key";
        if (code == DAG_JSON) return "dag-json";
        return "0x" + Long.toHexString(code);
    }
}
