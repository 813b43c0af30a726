package io.solcial.exchange.bitswap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solcial.content.Block;
import io.solcial.exchange.bitswap.BitswapMessage.Entry;
import io.solcial.exchange.bitswap.BitswapMessage.Presence;
import io.solcial.exchange.bitswap.BitswapMessage.WantType;
import io.solcial.exchange.proto.BitswapProto;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multicodec;
import io.solcial.multiformats.Multihash;
import io.solcial.net.ProtocolViolationException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BitswapMessageTest {

    @Test
    void prefixesMatchTheSpecExamples() {
        Block raw = Block.create(Multicodec.RAW, "x".getBytes(StandardCharsets.UTF_8));
        assertEquals("01551220", HexFormat.of().formatHex(BitswapMessage.prefix(raw.cid())));
        Cid v0 = Cid.v0(Multihash.sha256(new byte[0]));
        assertEquals("00701220", HexFormat.of().formatHex(BitswapMessage.prefix(v0)));
    }

    @Test
    void roundTripsAndRebuildsCidsFromPrefixAndData() throws Exception {
        Block raw = Block.create(Multicodec.RAW, "hello raw block from js helia\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("bafkreidosxoao422hcvx6l5lvo7kfgy3ch2npojbw7y7dehpkae6qzuqc4", raw.cid().toString());
        BitswapMessage m = new BitswapMessage(
                List.of(Entry.want(raw.cid(), WantType.HAVE, true), Entry.cancel(raw.cid())), true,
                List.of(raw), List.of(new Presence(raw.cid(), false)), 0);
        BitswapMessage back = BitswapMessage.decode(m.encode());
        assertEquals(m, back);
    }

    @Test
    void framedEncodingIsTheLengthPrefixedEncoding() throws Exception {
        Block a = Block.create(Multicodec.RAW, new byte[200_000]);
        Block b = Block.create(Multicodec.RAW, "second".getBytes(StandardCharsets.UTF_8));
        BitswapMessage m = new BitswapMessage(List.of(), false, List.of(a, b), List.of(new Presence(b.cid(), true)), 77);
        byte[] framed = m.encodeFramed();
        assertArrayEquals(io.solcial.net.LengthPrefixedDecoder.frame(m.encode()), framed);
        List<byte[]> messages = new io.solcial.net.LengthPrefixedDecoder(Bitswap.MAX_MESSAGE_SIZE).feed(framed);
        assertEquals(m, BitswapMessage.decode(messages.get(0)));
    }

    @Test
    void rejectsBadPrefixesAndOversizedBlocks() {
        byte[] unknownHash = BitswapProto.Message.newBuilder().addPayload(BitswapProto.Message.Block.newBuilder()
                .setPrefix(com.google.protobuf.ByteString.fromHex("01551320"))
                .setData(com.google.protobuf.ByteString.copyFromUtf8("x"))).build().toByteArray();
        assertThrows(ProtocolViolationException.class, () -> BitswapMessage.decode(unknownHash));
        byte[] big = BitswapProto.Message.newBuilder().addPayload(BitswapProto.Message.Block.newBuilder()
                .setPrefix(com.google.protobuf.ByteString.fromHex("01551220"))
                .setData(com.google.protobuf.ByteString.copyFrom(new byte[Block.MAX_SIZE + 1]))).build().toByteArray();
        assertThrows(ProtocolViolationException.class, () -> BitswapMessage.decode(big));
        assertThrows(ProtocolViolationException.class, () -> BitswapMessage.decode(new byte[] {(byte) 0xff}));
    }
}
