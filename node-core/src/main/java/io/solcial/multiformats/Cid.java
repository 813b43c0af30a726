package io.solcial.multiformats;

import java.io.ByteArrayOutputStream;

/**
 * A content identifier. Version 0 is a bare sha2-256 multihash of a dag-pb block, shown in
 * base58btc ({@code Qm…}); version 1 is {@code uvarint(1) uvarint(codec) multihash}, shown in
 * base32 lower ({@code b…}) by default.
 */
public record Cid(int version, long codec, Multihash multihash) implements Comparable<Cid> {

    public Cid {
        if (version == 0) {
            if (codec != Multicodec.DAG_PB || multihash.code() != Multicodec.SHA2_256) {
                throw new InvalidMultiformatException("CIDv0 must be dag-pb with a sha2-256 multihash");
            }
        } else if (version == 1) {
            if (!Multicodec.isKnownContentCodec(codec)) {
                throw new InvalidMultiformatException("unknown CID codec " + Multicodec.name(codec));
            }
        } else {
            throw new InvalidMultiformatException("unsupported CID version " + version);
        }
    }

    public static Cid v1(long codec, Multihash multihash) {
        return new Cid(1, codec, multihash);
    }

    public static Cid v0(Multihash multihash) {
        return new Cid(0, Multicodec.DAG_PB, multihash);
    }

    /** The CIDv1 of {@code data} under {@code codec} with sha2-256. */
    public static Cid of(long codec, byte[] data) {
        return v1(codec, Multihash.sha256(data));
    }

    /** True when {@code data} is the block this CID names. */
    public boolean matches(byte[] data) {
        return multihash.matches(data);
    }

    public Cid toV1() {
        return version == 1 ? this : v1(codec, multihash);
    }

    public byte[] toBytes() {
        if (version == 0) {
            return multihash.toBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varint.write(1, out);
        Varint.write(codec, out);
        out.writeBytes(multihash.toBytes());
        return out.toByteArray();
    }

    /** Decodes a buffer that holds exactly one binary CID. */
    public static Cid decode(byte[] data) {
        ByteReader in = new ByteReader(data);
        Cid cid = read(in);
        in.requireEnd("CID");
        return cid;
    }

    /** Reads one binary CID at the reader's position (v0 when it starts {@code 12 20}). */
    public static Cid read(ByteReader in) {
        int start = in.position();
        int first = Varint.readInt(in);
        if (first == Multicodec.SHA2_256) {
            int len = Varint.readInt(in);
            if (len != 32) {
                throw new InvalidMultiformatException("CIDv0 digest must be 32 bytes, got " + len);
            }
            return v0(new Multihash(Multicodec.SHA2_256, Bytes.wrap(in.readBytes(32))));
        }
        if (first != 1) {
            throw new InvalidMultiformatException("unsupported CID version " + first + " at offset " + start);
        }
        long codec = Varint.read(in);
        return new Cid(1, codec, Multihash.read(in));
    }

    /** Parses the text form: {@code Qm…} (v0) or any supported multibase (v1). */
    public static Cid parse(String text) {
        if (text.length() == 46 && text.startsWith("Qm")) {
            return decodeV0(Base58.decode(text));
        }
        byte[] raw = Multibase.decode(text);
        if (raw.length > 0 && raw[0] == Multicodec.SHA2_256) {
            throw new InvalidMultiformatException("a multibase-encoded CID must not be version 0");
        }
        return decode(raw);
    }

    private static Cid decodeV0(byte[] raw) {
        Cid cid = decode(raw);
        if (cid.version != 0) {
            throw new InvalidMultiformatException("a Qm… string must be a CIDv0");
        }
        return cid;
    }

    /** The text form in {@code base}; v0 only has base58btc without a prefix. */
    public String toString(Multibase base) {
        if (version == 0) {
            return Base58.encode(toBytes());
        }
        return base.encode(toBytes());
    }

    @Override
    public String toString() {
        return toString(Multibase.BASE32);
    }

    @Override
    public int compareTo(Cid other) {
        return Bytes.of(toBytes()).compareTo(Bytes.of(other.toBytes()));
    }
}
