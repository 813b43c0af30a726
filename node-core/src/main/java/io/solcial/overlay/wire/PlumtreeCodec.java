package io.solcial.overlay.wire;

import com.google.protobuf.ByteString;
import io.solcial.multiformats.Bytes;
import io.solcial.net.ProtobufFrames;
import io.solcial.net.ProtocolViolationException;
import io.solcial.overlay.Topic;
import io.solcial.overlay.plumtree.MessageId;
import io.solcial.overlay.plumtree.PlumtreeConstants;
import io.solcial.overlay.plumtree.PlumtreeMessage;
import io.solcial.overlay.plumtree.PlumtreeMessage.Announcement;
import io.solcial.overlay.plumtree.PlumtreeMessage.Gossip;
import io.solcial.overlay.plumtree.PlumtreeMessage.Graft;
import io.solcial.overlay.plumtree.PlumtreeMessage.IHave;
import io.solcial.overlay.plumtree.PlumtreeMessage.Prune;
import io.solcial.overlay.proto.OverlayProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /solcial/plumtree/1.0.0} messages ↔ {@link PlumtreeMessage} records (docs/protocol.md).
 * Strict like {@link HyParViewCodec}. Whether a GOSSIP's id matches its payload is Plumtree's check
 * (a mismatch is misbehaviour, not a framing error).
 */
public final class PlumtreeCodec {
    public static final String PROTOCOL_ID = "/solcial/plumtree/1.0.0";

    private PlumtreeCodec() {
    }

    public static byte[] encode(PlumtreeMessage message) {
        OverlayProto.Plumtree.Builder b = OverlayProto.Plumtree.newBuilder().setTopic(message.topic().name());
        if (message instanceof Gossip g) {
            b.setGossip(OverlayProto.Plumtree.Gossip.newBuilder().setId(id(g.id())).setRound(g.round())
                    .setPayload(ByteString.copyFrom(g.payload().toByteArray())));
        } else if (message instanceof IHave h) {
            OverlayProto.Plumtree.IHave.Builder i = OverlayProto.Plumtree.IHave.newBuilder();
            for (Announcement a : h.announcements()) {
                i.addAnnouncements(OverlayProto.Plumtree.Announcement.newBuilder().setId(id(a.id())).setRound(a.round()));
            }
            b.setIhave(i);
        } else if (message instanceof Graft g) {
            OverlayProto.Plumtree.Graft.Builder gr = OverlayProto.Plumtree.Graft.newBuilder().setRound(g.round());
            g.id().ifPresent(id -> gr.setId(id(id)));
            b.setGraft(gr);
        } else if (message instanceof Prune) {
            b.setPrune(OverlayProto.Plumtree.Prune.getDefaultInstance());
        }
        return b.build().toByteArray();
    }

    public static PlumtreeMessage decode(byte[] data) throws ProtocolViolationException {
        OverlayProto.Plumtree m = ProtobufFrames.parse(data, WireLimits.MAX_PLUMTREE_FRAME, "Plumtree", OverlayProto.Plumtree.parser());
        try {
            Topic topic = HyParViewCodec.topic(m.getTopic());
            return switch (m.getBodyCase()) {
                case GOSSIP -> {
                    OverlayProto.Plumtree.Gossip g = m.getGossip();
                    HyParViewCodec.require(g.getPayload().size() <= PlumtreeConstants.MAX_PAYLOAD_LENGTH,
                            "GOSSIP payload of " + g.getPayload().size() + " bytes is too large");
                    yield new Gossip(topic, id(g.getId(), "GOSSIP"), round(g.getRound()),
                            Bytes.of(g.getPayload().toByteArray()));
                }
                case IHAVE -> {
                    List<OverlayProto.Plumtree.Announcement> raw = m.getIhave().getAnnouncementsList();
                    HyParViewCodec.require(!raw.isEmpty() && raw.size() <= PlumtreeConstants.MAX_IHAVE_IDS,
                            "IHAVE must carry 1.." + PlumtreeConstants.MAX_IHAVE_IDS + " ids, got " + raw.size());
                    List<Announcement> out = new ArrayList<>(raw.size());
                    for (OverlayProto.Plumtree.Announcement a : raw) {
                        out.add(new Announcement(id(a.getId(), "IHAVE"), round(a.getRound())));
                    }
                    yield new IHave(topic, out);
                }
                case GRAFT -> {
                    OverlayProto.Plumtree.Graft g = m.getGraft();
                    Optional<MessageId> id = g.hasId() ? Optional.of(id(g.getId(), "GRAFT")) : Optional.empty();
                    yield new Graft(topic, id, round(g.getRound()));
                }
                case PRUNE -> new Prune(topic);
                case BODY_NOT_SET -> throw new ProtocolViolationException("Plumtree message without a (known) body");
            };
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException("invalid Plumtree message: " + e.getMessage(), e);
        }
    }

    private static ByteString id(MessageId id) {
        return ByteString.copyFrom(id.hash().toByteArray());
    }

    private static MessageId id(ByteString raw, String where) throws ProtocolViolationException {
        HyParViewCodec.require(raw.size() == MessageId.LENGTH, where + " id must be " + MessageId.LENGTH
                + " bytes, got " + raw.size());
        return new MessageId(Bytes.of(raw.toByteArray()));
    }

    private static int round(int raw) throws ProtocolViolationException {
        // uint32 arrives as a Java int: values ≥ 2^31 are negative here
        HyParViewCodec.require(raw >= 0 && raw <= PlumtreeConstants.MAX_ROUND, "round out of range: "
                + Integer.toUnsignedString(raw));
        return raw;
    }
}
