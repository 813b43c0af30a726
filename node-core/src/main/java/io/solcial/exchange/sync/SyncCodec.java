package io.solcial.exchange.sync;

import com.google.protobuf.ByteString;
import io.solcial.exchange.sync.proto.SyncProto;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import io.solcial.net.ProtobufFrames;
import io.solcial.net.ProtocolViolationException;
import java.util.ArrayList;
import java.util.List;

/** The {@code /solcial/sync/1.0.0} messages (docs/protocol.md, "HEAD sync"), decoded strictly. */
public final class SyncCodec {
    public static final String PROTOCOL_ID = "/solcial/sync/1.0.0";
    /** Most entry CIDs in one response; a request asking for more gets this many. */
    public static final int MAX_ENTRIES = 4096;
    public static final int MAX_HEADS = 64;
    public static final int MAX_REQUEST_SIZE = 128;
    /** Room for MAX_ENTRIES + MAX_HEADS CIDs of up to 64 bytes each, with their tags. */
    public static final int MAX_RESPONSE_SIZE = 320 * 1024;
    private static final int MAX_CID_SIZE = 64;

    private SyncCodec() {
    }

    public static byte[] encode(HeadRequest r) {
        return SyncProto.HeadRequest.newBuilder()
                .setAuthor(ByteString.copyFrom(r.author().toByteArray()))
                .setAfterSeq(r.afterSeq())
                .setMaxEntries(r.maxEntries())
                .build().toByteArray();
    }

    public static HeadRequest decodeRequest(byte[] data) throws ProtocolViolationException {
        SyncProto.HeadRequest m = ProtobufFrames.parse(data, MAX_REQUEST_SIZE, "sync request",
                SyncProto.HeadRequest.parser());
        if (m.getAuthor().size() != Ed25519PublicKey.LENGTH) {
            throw new ProtocolViolationException("sync request: author must be a 32-byte key");
        }
        if (m.getAfterSeq() < 0) {
            throw new ProtocolViolationException("sync request: after_seq out of range");
        }
        int maxEntries = (int) Math.min(Integer.toUnsignedLong(m.getMaxEntries()), MAX_ENTRIES);
        return new HeadRequest(Ed25519PublicKey.of(m.getAuthor().toByteArray()), m.getAfterSeq(), maxEntries);
    }

    public static byte[] encode(HeadResponse r) {
        SyncProto.HeadResponse.Builder b = SyncProto.HeadResponse.newBuilder()
                .setSeq(r.seq()).setCount(r.count()).setMore(r.more());
        r.heads().forEach(c -> b.addHeads(ByteString.copyFrom(c.toBytes())));
        r.entries().forEach(c -> b.addEntries(ByteString.copyFrom(c.toBytes())));
        return b.build().toByteArray();
    }

    public static HeadResponse decodeResponse(byte[] data) throws ProtocolViolationException {
        SyncProto.HeadResponse m = ProtobufFrames.parse(data, MAX_RESPONSE_SIZE, "sync response",
                SyncProto.HeadResponse.parser());
        if (m.getHeadsCount() > MAX_HEADS || m.getEntriesCount() > MAX_ENTRIES) {
            throw new ProtocolViolationException("sync response: too many heads or entries");
        }
        if (m.getSeq() < 0 || m.getCount() < 0 || (m.getSeq() == 0) != (m.getHeadsCount() == 0)) {
            throw new ProtocolViolationException("sync response: seq, count and heads disagree");
        }
        return new HeadResponse(cids(m.getHeadsList()), m.getSeq(), m.getCount(), cids(m.getEntriesList()),
                m.getMore());
    }

    private static List<Cid> cids(List<ByteString> raw) throws ProtocolViolationException {
        List<Cid> out = new ArrayList<>(raw.size());
        for (ByteString b : raw) {
            if (b.size() > MAX_CID_SIZE) {
                throw new ProtocolViolationException("sync response: CID of " + b.size() + " bytes");
            }
            try {
                out.add(Cid.decode(b.toByteArray()));
            } catch (IllegalArgumentException e) {
                throw new ProtocolViolationException("sync response: bad CID: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
