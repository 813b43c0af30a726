package io.solcial.exchange.bitswap;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.solcial.content.Block;
import io.solcial.content.CorruptBlockException;
import io.solcial.exchange.proto.BitswapProto;
import io.solcial.multiformats.ByteReader;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import io.solcial.multiformats.Multihash;
import io.solcial.multiformats.Varint;
import io.solcial.net.ProtocolViolationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Bitswap 1.2.0 message (ipfs/specs bitswap-protocol.md): wantlist entries, blocks and block
 * presences. Decoding checks everything a peer controls: CIDs must parse, every block's CID is
 * rebuilt from its prefix and the hash of its data (so a decoded {@link Block} always matches its
 * CID), blocks are at most {@link Block#MAX_SIZE}. The 1.0.0 {@code blocks} field is ignored.
 */
public record BitswapMessage(List<Entry> wants, boolean full, List<Block> blocks, List<Presence> presences,
                             int pendingBytes) {

    public enum WantType { BLOCK, HAVE }

    /** A wantlist entry; {@code cancel} entries withdraw an earlier want. */
    public record Entry(Cid cid, int priority, boolean cancel, WantType type, boolean sendDontHave) {
        public Entry {
            Objects.requireNonNull(cid, "cid");
            Objects.requireNonNull(type, "type");
        }

        public static Entry want(Cid cid, WantType type, boolean sendDontHave) {
            return new Entry(cid, 1, false, type, sendDontHave);
        }

        public static Entry cancel(Cid cid) {
            return new Entry(cid, 0, true, WantType.BLOCK, false);
        }
    }

    /** A block presence: the sender has ({@code have}) or does not have the block. */
    public record Presence(Cid cid, boolean have) {
        public Presence {
            Objects.requireNonNull(cid, "cid");
        }
    }

    public BitswapMessage {
        wants = List.copyOf(wants);
        blocks = List.copyOf(blocks);
        presences = List.copyOf(presences);
    }

    public static BitswapMessage ofWants(List<Entry> wants) {
        return new BitswapMessage(wants, false, List.of(), List.of(), 0);
    }

    public boolean isEmpty() {
        return wants.isEmpty() && !full && blocks.isEmpty() && presences.isEmpty();
    }

    /** The protobuf encoding (without the length prefix). */
    public byte[] encode() {
        return toProto().toByteArray();
    }

    /**
     * {@code uvarint(length) || encoding}, ready to write: block data is copied once, straight into
     * the frame.
     */
    public byte[] encodeFramed() {
        BitswapProto.Message m = toProto();
        int size = m.getSerializedSize();
        byte[] frame = new byte[Varint.size(size) + size];
        int offset = Varint.write(size, frame, 0);
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(frame, offset, size);
            m.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("protobuf encoding into an exactly sized array failed", e);
        }
        return frame;
    }

    private BitswapProto.Message toProto() {
        BitswapProto.Message.Builder m = BitswapProto.Message.newBuilder();
        if (!wants.isEmpty() || full) {
            BitswapProto.Message.Wantlist.Builder wl = BitswapProto.Message.Wantlist.newBuilder().setFull(full);
            for (Entry e : wants) {
                wl.addEntries(BitswapProto.Message.Wantlist.Entry.newBuilder()
                        .setBlock(ByteString.copyFrom(e.cid().toBytes()))
                        .setPriority(e.priority())
                        .setCancel(e.cancel())
                        .setWantType(e.type() == WantType.HAVE
                                ? BitswapProto.Message.Wantlist.WantType.Have
                                : BitswapProto.Message.Wantlist.WantType.Block)
                        .setSendDontHave(e.sendDontHave()));
            }
            m.setWantlist(wl);
        }
        for (Block b : blocks) {
            m.addPayload(BitswapProto.Message.Block.newBuilder()
                    .setPrefix(ByteString.copyFrom(prefix(b.cid())))
                    .setData(UnsafeByteOperations.unsafeWrap(b.data().asReadOnlyBuffer())));
        }
        for (Presence p : presences) {
            m.addBlockPresences(BitswapProto.Message.BlockPresence.newBuilder()
                    .setCid(ByteString.copyFrom(p.cid().toBytes()))
                    .setType(p.have() ? BitswapProto.Message.BlockPresenceType.Have
                            : BitswapProto.Message.BlockPresenceType.DontHave));
        }
        if (pendingBytes > 0) {
            m.setPendingBytes(pendingBytes);
        }
        return m.build();
    }

    /** Decodes and checks a message from a peer. */
    public static BitswapMessage decode(byte[] bytes) throws ProtocolViolationException {
        BitswapProto.Message m;
        try {
            // aliasing: block data is copied out of the frame once, by the Block, not by the parser too
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.enableAliasing(true);
            m = BitswapProto.Message.parser().parseFrom(in);
            in.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtocolViolationException("bitswap: malformed message: " + e.getMessage(), e);
        }
        List<Entry> wants = new ArrayList<>();
        for (BitswapProto.Message.Wantlist.Entry e : m.getWantlist().getEntriesList()) {
            WantType type = switch (e.getWantTypeValue()) {
                case 0 -> WantType.BLOCK;
                case 1 -> WantType.HAVE;
                default -> throw new ProtocolViolationException("bitswap: unknown want type " + e.getWantTypeValue());
            };
            wants.add(new Entry(cid(e.getBlock()), e.getPriority(), e.getCancel(), type, e.getSendDontHave()));
        }
        List<Block> blocks = new ArrayList<>();
        for (BitswapProto.Message.Block b : m.getPayloadList()) {
            blocks.add(block(b.getPrefix().toByteArray(), b.getData().toByteArray()));
        }
        List<Presence> presences = new ArrayList<>();
        for (BitswapProto.Message.BlockPresence p : m.getBlockPresencesList()) {
            boolean have = switch (p.getTypeValue()) {
                case 0 -> true;
                case 1 -> false;
                default -> throw new ProtocolViolationException("bitswap: unknown presence type " + p.getTypeValue());
            };
            presences.add(new Presence(cid(p.getCid()), have));
        }
        return new BitswapMessage(wants, m.getWantlist().getFull(), blocks, presences, Math.max(0, m.getPendingBytes()));
    }

    /** The CID prefix: uvarint version, codec, multihash code, digest length. */
    public static byte[] prefix(Cid cid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8);
        Varint.write(cid.version(), out);
        Varint.write(cid.codec(), out);
        Varint.write(cid.multihash().code(), out);
        Varint.write(cid.multihash().digest().length(), out);
        return out.toByteArray();
    }

    /** Rebuilds a block's CID from its prefix and the hash of its data. */
    static Block block(byte[] prefix, byte[] data) throws ProtocolViolationException {
        if (data.length > Block.MAX_SIZE) {
            throw new ProtocolViolationException("bitswap: block of " + data.length + " bytes exceeds " + Block.MAX_SIZE);
        }
        try {
            ByteReader in = new ByteReader(prefix);
            long version = Varint.read(in);
            long codec = Varint.read(in);
            long code = Varint.read(in);
            long length = Varint.read(in);
            in.requireEnd("bitswap block prefix");
            Multihash mh;
            if (code == Multicodec.SHA2_256 && length == 32) {
                mh = Multihash.sha256(data);
            } else if (code == Multicodec.IDENTITY && length == data.length) {
                mh = Multihash.identity(data);
            } else {
                throw new ProtocolViolationException("bitswap: unsupported block prefix (multihash 0x"
                        + Long.toHexString(code) + ", length " + length + ")");
            }
            Cid cid;
            if (version == 0) {
                cid = Cid.v0(mh);
            } else if (version == 1) {
                cid = Cid.v1(codec, mh);
            } else {
                throw new ProtocolViolationException("bitswap: unsupported CID version " + version + " in prefix");
            }
            return Block.verified(cid, data);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ProtocolViolationException("bitswap: bad block prefix: " + e.getMessage(), e);
        } catch (CorruptBlockException e) {
            throw new ProtocolViolationException("bitswap: " + e.getMessage(), e);
        }
    }

    private static Cid cid(ByteString bytes) throws ProtocolViolationException {
        try {
            return Cid.decode(bytes.toByteArray());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ProtocolViolationException("bitswap: bad CID: " + e.getMessage(), e);
        }
    }

}
