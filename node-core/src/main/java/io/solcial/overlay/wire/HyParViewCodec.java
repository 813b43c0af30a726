package io.solcial.overlay.wire;

import com.google.protobuf.ByteString;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.ProtobufFrames;
import io.solcial.net.ProtocolViolationException;
import io.solcial.overlay.Topic;
import io.solcial.overlay.hyparview.HyParViewMessage;
import io.solcial.overlay.hyparview.HyParViewMessage.Disconnect;
import io.solcial.overlay.hyparview.HyParViewMessage.ForwardJoin;
import io.solcial.overlay.hyparview.HyParViewMessage.Join;
import io.solcial.overlay.hyparview.HyParViewMessage.JoinRefused;
import io.solcial.overlay.hyparview.HyParViewMessage.Neighbor;
import io.solcial.overlay.hyparview.HyParViewMessage.NeighborReply;
import io.solcial.overlay.hyparview.HyParViewMessage.Priority;
import io.solcial.overlay.hyparview.HyParViewMessage.Shuffle;
import io.solcial.overlay.hyparview.HyParViewMessage.ShuffleReply;
import io.solcial.overlay.proto.OverlayProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /solcial/hyparview/1.0.0} messages ↔ {@link HyParViewMessage} records (docs/protocol.md).
 * Strict: a missing required field, an unknown enum value or body, a size over the limits or a
 * value the records refuse is a {@link ProtocolViolationException}.
 */
public final class HyParViewCodec {
    public static final String PROTOCOL_ID = "/solcial/hyparview/1.0.0";

    private HyParViewCodec() {
    }

    /**
     * Encodes {@code message}; {@code addressesOf} gives the dialable addresses to attach to every
     * peer the message names (and, for the sender itself, its listen addresses).
     */
    public static byte[] encode(HyParViewMessage message, PeerId sender, Function<PeerId, List<Multiaddr>> addressesOf) {
        OverlayProto.HyParView.Builder b = OverlayProto.HyParView.newBuilder().setTopic(message.topic().name());
        addrs(addressesOf.apply(sender)).forEach(b::addSenderAddrs);
        if (message instanceof Join) {
            b.setJoin(OverlayProto.HyParView.Join.getDefaultInstance());
        } else if (message instanceof ForwardJoin m) {
            b.setForwardJoin(OverlayProto.HyParView.ForwardJoin.newBuilder()
                    .setNewNode(ref(m.newNode(), addressesOf)).setTtl(m.ttl()));
        } else if (message instanceof Neighbor m) {
            b.setNeighbor(OverlayProto.HyParView.Neighbor.newBuilder().setPriority(
                    m.priority() == Priority.HIGH ? OverlayProto.HyParView.Priority.HIGH : OverlayProto.HyParView.Priority.LOW));
        } else if (message instanceof NeighborReply m) {
            b.setNeighborReply(OverlayProto.HyParView.NeighborReply.newBuilder().setAccepted(m.accepted()));
        } else if (message instanceof Disconnect) {
            b.setDisconnect(OverlayProto.HyParView.Disconnect.getDefaultInstance());
        } else if (message instanceof Shuffle m) {
            OverlayProto.HyParView.Shuffle.Builder s = OverlayProto.HyParView.Shuffle.newBuilder()
                    .setOrigin(ref(m.origin(), addressesOf)).setTtl(m.ttl());
            m.sample().forEach(p -> s.addSample(ref(p, addressesOf)));
            b.setShuffle(s);
        } else if (message instanceof ShuffleReply m) {
            OverlayProto.HyParView.ShuffleReply.Builder s = OverlayProto.HyParView.ShuffleReply.newBuilder();
            m.sample().forEach(p -> s.addSample(ref(p, addressesOf)));
            b.setShuffleReply(s);
        } else if (message instanceof JoinRefused m) {
            b.setJoinRefused(OverlayProto.HyParView.JoinRefused.newBuilder().setReason(m.reason()));
        }
        return b.build().toByteArray();
    }

    /** Decodes one frame's bytes. */
    public static DecodedHyParView decode(byte[] data) throws ProtocolViolationException {
        OverlayProto.HyParView m = ProtobufFrames.parse(data, WireLimits.MAX_HYPARVIEW_FRAME, "HyParView", OverlayProto.HyParView.parser());
        try {
            Topic topic = topic(m.getTopic());
            List<Multiaddr> senderAddrs = addrs(m.getSenderAddrsList(), "sender_addrs");
            Map<PeerId, List<Multiaddr>> peerAddrs = new HashMap<>();
            HyParViewMessage message = switch (m.getBodyCase()) {
                case JOIN -> new Join(topic);
                case FORWARD_JOIN -> {
                    OverlayProto.HyParView.ForwardJoin f = m.getForwardJoin();
                    require(f.hasNewNode(), "FORWARD_JOIN without new_node");
                    yield new ForwardJoin(topic, peer(f.getNewNode(), peerAddrs), f.getTtl());
                }
                case NEIGHBOR -> new Neighbor(topic, switch (m.getNeighbor().getPriority()) {
                    case HIGH -> Priority.HIGH;
                    case LOW -> Priority.LOW;
                    default -> throw new ProtocolViolationException("NEIGHBOR with unknown priority "
                            + m.getNeighbor().getPriorityValue());
                });
                case NEIGHBOR_REPLY -> new NeighborReply(topic, m.getNeighborReply().getAccepted());
                case DISCONNECT -> new Disconnect(topic);
                case SHUFFLE -> {
                    OverlayProto.HyParView.Shuffle s = m.getShuffle();
                    require(s.hasOrigin(), "SHUFFLE without origin");
                    PeerId origin = peer(s.getOrigin(), peerAddrs);
                    yield new Shuffle(topic, origin, s.getTtl(), sample(s.getSampleList(), peerAddrs));
                }
                case SHUFFLE_REPLY -> new ShuffleReply(topic, sample(m.getShuffleReply().getSampleList(), peerAddrs));
                case JOIN_REFUSED -> new JoinRefused(topic, m.getJoinRefused().getReason());
                case BODY_NOT_SET -> throw new ProtocolViolationException("HyParView message without a (known) body");
            };
            return new DecodedHyParView(message, senderAddrs, peerAddrs);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException("invalid HyParView message: " + e.getMessage(), e);
        }
    }

    static Topic topic(String name) throws ProtocolViolationException {
        require(!name.isEmpty(), "message without a topic");
        return new Topic(name);
    }

    static void require(boolean condition, String what) throws ProtocolViolationException {
        if (!condition) {
            throw new ProtocolViolationException(what);
        }
    }

    private static List<PeerId> sample(List<OverlayProto.PeerRef> refs, Map<PeerId, List<Multiaddr>> peerAddrs)
            throws ProtocolViolationException {
        // the record checks the count (≤ 64) and duplicates; refuse a huge list before decoding it
        require(refs.size() <= io.solcial.overlay.hyparview.HyParViewConstants.MAX_SAMPLE_SIZE,
                "sample of " + refs.size() + " peers exceeds " + io.solcial.overlay.hyparview.HyParViewConstants.MAX_SAMPLE_SIZE);
        List<PeerId> out = new ArrayList<>(refs.size());
        for (OverlayProto.PeerRef r : refs) {
            out.add(peer(r, peerAddrs));
        }
        return out;
    }

    private static PeerId peer(OverlayProto.PeerRef ref, Map<PeerId, List<Multiaddr>> peerAddrs)
            throws ProtocolViolationException {
        byte[] id = ref.getPeerId().toByteArray();
        require(id.length > 0, "peer reference without peer_id");
        require(id.length <= WireLimits.MAX_PEER_ID_BYTES, "peer id of " + id.length + " bytes is too long");
        PeerId peer = PeerId.fromBytes(id);
        List<Multiaddr> addrs = addrs(ref.getAddrsList(), "addrs");
        if (!addrs.isEmpty()) {
            peerAddrs.put(peer, addrs);
        }
        return peer;
    }

    private static List<Multiaddr> addrs(List<ByteString> raw, String field) throws ProtocolViolationException {
        require(raw.size() <= WireLimits.MAX_ADDRS, field + " lists " + raw.size() + " addresses, more than "
                + WireLimits.MAX_ADDRS);
        List<Multiaddr> out = new ArrayList<>(raw.size());
        for (ByteString b : raw) {
            require(!b.isEmpty() && b.size() <= WireLimits.MAX_ADDR_BYTES, field + ": address of " + b.size()
                    + " bytes (1.." + WireLimits.MAX_ADDR_BYTES + " allowed)");
            Multiaddr a = Multiaddr.decode(b.toByteArray());
            require(a.peerIdMultihash().isEmpty(), field + ": address must not carry /p2p");
            out.add(a);
        }
        return out;
    }

    private static OverlayProto.PeerRef ref(PeerId peer, Function<PeerId, List<Multiaddr>> addressesOf) {
        OverlayProto.PeerRef.Builder r = OverlayProto.PeerRef.newBuilder().setPeerId(ByteString.copyFrom(peer.toBytes()));
        addrs(addressesOf.apply(peer)).forEach(r::addAddrs);
        return r.build();
    }

    private static List<ByteString> addrs(List<Multiaddr> addresses) {
        List<ByteString> out = new ArrayList<>();
        for (Multiaddr a : addresses) {
            byte[] bytes = a.withoutPeerId().toBytes();
            if (out.size() < WireLimits.MAX_ADDRS && bytes.length > 0 && bytes.length <= WireLimits.MAX_ADDR_BYTES) {
                out.add(ByteString.copyFrom(bytes));
            }
        }
        return out;
    }
}
