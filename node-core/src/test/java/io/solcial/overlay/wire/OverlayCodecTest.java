package io.solcial.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Multiaddr;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OverlayCodecTest {
    private static final Topic T = Topic.PUBLIC;
    private static final PeerId A = peer(1);
    private static final PeerId B = peer(2);
    private static final PeerId C = peer(3);
    private static final Multiaddr ADDR_A = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001");
    private static final Multiaddr ADDR_B = Multiaddr.parse("/ip4/10.0.0.2/tcp/4002");
    private static final Function<PeerId, List<Multiaddr>> BOOK = p -> p.equals(A) ? List.of(ADDR_A)
            : p.equals(B) ? List.of(ADDR_B) : List.of();

    private static PeerId peer(int seed) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        return Ed25519KeyPair.fromSeed(s).peerId();
    }

    @Test
    void everyHyParViewMessageRoundTripsWithItsAddresses() throws Exception {
        List<HyParViewMessage> all = List.of(new Join(T), new ForwardJoin(T, B, 3), new Neighbor(T, Priority.HIGH),
                new Neighbor(T, Priority.LOW), new NeighborReply(T, true), new NeighborReply(T, false), new Disconnect(T),
                new Shuffle(T, B, 4, List.of(B, C)), new ShuffleReply(T, List.of(C, B)), new ShuffleReply(T, List.of()),
                new JoinRefused(T, "not a registered member"));
        for (HyParViewMessage m : all) {
            DecodedHyParView d = HyParViewCodec.decode(HyParViewCodec.encode(m, A, BOOK));
            assertEquals(m, d.message());
            assertEquals(List.of(ADDR_A), d.senderAddrs());
        }
        DecodedHyParView fj = HyParViewCodec.decode(HyParViewCodec.encode(new ForwardJoin(T, B, 3), A, BOOK));
        assertEquals(Map.of(B, List.of(ADDR_B)), fj.peerAddrs());
        DecodedHyParView sh = HyParViewCodec.decode(HyParViewCodec.encode(new Shuffle(T, B, 4, List.of(B, C)), A, BOOK));
        assertEquals(Map.of(B, List.of(ADDR_B)), sh.peerAddrs(), "C has no known address, so it travels without one");
    }

    @Test
    void everyPlumtreeMessageRoundTrips() throws Exception {
        Bytes payload = Bytes.of(new byte[] {1, 2, 3});
        MessageId id = MessageId.of(payload);
        List<PlumtreeMessage> all = List.of(new Gossip(T, id, 7, payload), new Gossip(T, id, 0, Bytes.EMPTY),
                new IHave(T, List.of(new Announcement(id, 2), new Announcement(MessageId.of(Bytes.EMPTY), 65_535))),
                new Graft(T, Optional.of(id), 3), new Graft(T, Optional.empty(), 1), new Prune(T));
        for (PlumtreeMessage m : all) {
            assertEquals(m, PlumtreeCodec.decode(PlumtreeCodec.encode(m)));
        }
    }

    @Test
    void refusesMalformedHyParViewMessages() {
        OverlayProto.PeerRef b = OverlayProto.PeerRef.newBuilder().setPeerId(ByteString.copyFrom(B.toBytes())).build();
        OverlayProto.HyParView.Builder ok = OverlayProto.HyParView.newBuilder().setTopic(T.name());
        violation(new byte[] {(byte) 0xff, 0x01, 0x02});
        violation(ok.clone().build().toByteArray()); // no body
        violation(OverlayProto.HyParView.newBuilder().setJoin(OverlayProto.HyParView.Join.getDefaultInstance())
                .build().toByteArray()); // no topic
        violation(ok.clone().setJoin(OverlayProto.HyParView.Join.getDefaultInstance()).setTopic("no-slash").build().toByteArray());
        violation(ok.clone().setNeighbor(OverlayProto.HyParView.Neighbor.getDefaultInstance()).build().toByteArray());
        violation(ok.clone().setNeighbor(OverlayProto.HyParView.Neighbor.newBuilder().setPriorityValue(9)).build().toByteArray());
        violation(ok.clone().setForwardJoin(OverlayProto.HyParView.ForwardJoin.newBuilder().setTtl(1)).build().toByteArray());
        violation(ok.clone().setForwardJoin(OverlayProto.HyParView.ForwardJoin.newBuilder().setNewNode(b).setTtl(17))
                .build().toByteArray());
        violation(ok.clone().setForwardJoin(OverlayProto.HyParView.ForwardJoin.newBuilder().setNewNode(b).setTtl(-1))
                .build().toByteArray()); // 2^32-1 on the wire
        violation(ok.clone().setShuffle(OverlayProto.HyParView.Shuffle.newBuilder().setTtl(2)).build().toByteArray());
        violation(ok.clone().setShuffleReply(OverlayProto.HyParView.ShuffleReply.newBuilder().addSample(b).addSample(b))
                .build().toByteArray()); // duplicate
        OverlayProto.HyParView.ShuffleReply.Builder big = OverlayProto.HyParView.ShuffleReply.newBuilder();
        for (int i = 0; i < 65; i++) {
            big.addSample(OverlayProto.PeerRef.newBuilder().setPeerId(ByteString.copyFrom(peer(10 + i).toBytes())));
        }
        violation(ok.clone().setShuffleReply(big).build().toByteArray());
        violation(ok.clone().setJoinRefused(OverlayProto.HyParView.JoinRefused.getDefaultInstance()).build().toByteArray());
        violation(ok.clone().setJoinRefused(OverlayProto.HyParView.JoinRefused.newBuilder().setReason("x".repeat(257)))
                .build().toByteArray());
        // addresses: too many, with /p2p, garbage, empty peer id
        OverlayProto.HyParView.Builder join = ok.clone().setJoin(OverlayProto.HyParView.Join.getDefaultInstance());
        OverlayProto.HyParView.Builder many = join.clone();
        for (int i = 0; i < 5; i++) {
            many.addSenderAddrs(ByteString.copyFrom(ADDR_A.toBytes()));
        }
        violation(many.build().toByteArray());
        violation(join.clone().addSenderAddrs(ByteString.copyFrom(ADDR_A.encapsulate(Multiaddr.parse("/p2p/" + A)).toBytes()))
                .build().toByteArray());
        violation(join.clone().addSenderAddrs(ByteString.copyFrom(new byte[] {(byte) 0xee, 0x7f})).build().toByteArray());
        violation(ok.clone().setForwardJoin(OverlayProto.HyParView.ForwardJoin.newBuilder()
                .setNewNode(OverlayProto.PeerRef.getDefaultInstance())).build().toByteArray());
        violation(new byte[WireLimits.MAX_HYPARVIEW_FRAME + 1]);
    }

    @Test
    void refusesMalformedPlumtreeMessages() {
        ByteString id = ByteString.copyFrom(new byte[32]);
        OverlayProto.Plumtree.Builder ok = OverlayProto.Plumtree.newBuilder().setTopic(T.name());
        plumtreeViolation(ok.clone().build().toByteArray());
        plumtreeViolation(OverlayProto.Plumtree.newBuilder().setPrune(OverlayProto.Plumtree.Prune.getDefaultInstance())
                .build().toByteArray());
        plumtreeViolation(ok.clone().setGossip(OverlayProto.Plumtree.Gossip.newBuilder().setRound(1)).build().toByteArray());
        plumtreeViolation(ok.clone().setGossip(OverlayProto.Plumtree.Gossip.newBuilder().setId(id.substring(1)))
                .build().toByteArray());
        plumtreeViolation(ok.clone().setGossip(OverlayProto.Plumtree.Gossip.newBuilder().setId(id).setRound(65_536))
                .build().toByteArray());
        plumtreeViolation(ok.clone().setGossip(OverlayProto.Plumtree.Gossip.newBuilder().setId(id)
                .setPayload(ByteString.copyFrom(new byte[PlumtreeConstants.MAX_PAYLOAD_LENGTH + 1]))).build().toByteArray());
        plumtreeViolation(ok.clone().setIhave(OverlayProto.Plumtree.IHave.getDefaultInstance()).build().toByteArray());
        OverlayProto.Plumtree.IHave.Builder big = OverlayProto.Plumtree.IHave.newBuilder();
        for (int i = 0; i < PlumtreeConstants.MAX_IHAVE_IDS + 1; i++) {
            big.addAnnouncements(OverlayProto.Plumtree.Announcement.newBuilder().setId(id));
        }
        plumtreeViolation(ok.clone().setIhave(big).build().toByteArray());
        plumtreeViolation(ok.clone().setGraft(OverlayProto.Plumtree.Graft.newBuilder().setId(ByteString.EMPTY))
                .build().toByteArray());
        plumtreeViolation(new byte[] {0x0a, 0x7f});
        plumtreeViolation(new byte[WireLimits.MAX_PLUMTREE_FRAME + 1]);
    }

    @Test
    void aFullShuffleWithFullAddressListsFitsTheFrameLimit() throws Exception {
        List<PeerId> sample = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sample.add(peer(100 + i));
        }
        Multiaddr longest = Multiaddr.parse("/ip6/2001:db8::1/tcp/65535");
        byte[] encoded = HyParViewCodec.encode(new Shuffle(new Topic("/" + "t".repeat(127)), sample.get(0), 16, sample),
                A, p -> List.of(longest, longest, longest, longest));
        assertTrue(encoded.length < WireLimits.MAX_HYPARVIEW_FRAME, "a maximal SHUFFLE is " + encoded.length + " bytes");
        assertEquals(64, ((Shuffle) HyParViewCodec.decode(encoded).message()).sample().size());
    }

    private static void violation(byte[] data) {
        assertThrows(ProtocolViolationException.class, () -> HyParViewCodec.decode(data));
    }

    private static void plumtreeViolation(byte[] data) {
        assertThrows(ProtocolViolationException.class, () -> PlumtreeCodec.decode(data));
    }
}
