package io.solcial.content;

/** The UnixFS {@code Data.DataType} enum (ipfs/specs unixfs). */
public enum UnixFsType {
    RAW(0),
    DIRECTORY(1),
    FILE(2),
    METADATA(3),
    SYMLINK(4),
    HAMT_SHARD(5);

    private final int code;

    UnixFsType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with wire value {@code code}. */
    public static UnixFsType fromCode(long code) throws BlockFormatException {
        for (UnixFsType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new BlockFormatException("invalid unixfs: unknown Type " + code);
    }
}
