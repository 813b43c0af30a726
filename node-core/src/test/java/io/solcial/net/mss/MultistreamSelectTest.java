package io.solcial.net.mss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.net.mss.MultistreamSelect.Failed;
import io.solcial.net.mss.MultistreamSelect.Outcome;
import io.solcial.net.mss.MultistreamSelect.Pending;
import io.solcial.net.mss.MultistreamSelect.Selected;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultistreamSelectTest {
    private static final HexFormat HEX = HexFormat.of();
    /** WIRE.md: what a js dialer sends to pick Noise. */
    private static final String JS_DIALER_NOISE = "132f6d756c746973747265616d2f312e302e300a072f6e6f6973650a";

    @Test
    void initiatorSendsHeaderAndProposalInOneWriteAsJsDoes() {
        assertEquals(JS_DIALER_NOISE, HEX.formatHex(MultistreamSelect.initiator(List.of("/noise")).start()));
    }

    @Test
    void naIsEncodedAsInTheSpec() {
        assertEquals("036e610a", HEX.formatHex(MultistreamSelect.encode("na")));
    }

    @Test
    void responderAcceptsJsDialerBytesAndEchoes() {
        MultistreamSelect responder = MultistreamSelect.responder(Set.of("/noise")::contains);
        assertEquals("132f6d756c746973747265616d2f312e302e300a", HEX.formatHex(responder.start()));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        Outcome outcome = responder.receive(HEX.parseHex(JS_DIALER_NOISE), sent::writeBytes);
        assertEquals("/noise", assertInstanceOf(Selected.class, outcome).protocol());
        assertEquals("072f6e6f6973650a", HEX.formatHex(sent.toByteArray()));
    }

    @Test
    void negotiatesByteByByteAndFallsBackAfterNa() {
        MultistreamSelect initiator = MultistreamSelect.initiator(List.of("/yamux/2.0.0", "/yamux/1.0.0"));
        MultistreamSelect responder = MultistreamSelect.responder(Set.of("/yamux/1.0.0")::contains);
        Pipe toResponder = new Pipe();
        Pipe toInitiator = new Pipe();
        toResponder.add(initiator.start());
        toInitiator.add(responder.start());
        Outcome a = new Pending();
        Outcome b = new Pending();
        for (int i = 0; i < 10_000 && (a instanceof Pending || b instanceof Pending); i++) {
            if (b instanceof Pending && toResponder.hasByte()) {
                b = responder.receive(toResponder.takeByte(), toInitiator::add);
            }
            if (a instanceof Pending && toInitiator.hasByte()) {
                a = initiator.receive(toInitiator.takeByte(), toResponder::add);
            }
        }
        assertEquals("/yamux/1.0.0", assertInstanceOf(Selected.class, a).protocol());
        assertEquals("/yamux/1.0.0", assertInstanceOf(Selected.class, b).protocol());
    }

    @Test
    void initiatorFailsWhenEveryProposalIsRefused() {
        MultistreamSelect initiator = MultistreamSelect.initiator(List.of("/a"));
        initiator.start();
        byte[] reply = concat(MultistreamSelect.encode(MultistreamSelect.PROTOCOL_ID), MultistreamSelect.encode("na"));
        Failed failed = assertInstanceOf(Failed.class, initiator.receive(reply, b -> { }));
        assertTrue(failed.reason().contains("none of the proposed protocols"), failed.reason());
        assertTrue(failed.notSupported());
    }

    @Test
    void bytesAfterTheSelectionAreLeftover() {
        MultistreamSelect responder = MultistreamSelect.responder(p -> true);
        byte[] in = concat(HEX.parseHex(JS_DIALER_NOISE), new byte[] {0, 32, 1, 2});
        Selected selected = assertInstanceOf(Selected.class, responder.receive(in, b -> { }));
        assertArrayEquals(new byte[] {0, 32, 1, 2}, selected.leftover());
    }

    @Test
    void responderAnswersNaToUnknownAndToLs() {
        MultistreamSelect responder = MultistreamSelect.responder(Set.of("/ok")::contains);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        byte[] in = concat(MultistreamSelect.encode(MultistreamSelect.PROTOCOL_ID),
                concat(MultistreamSelect.encode("/unknown"), MultistreamSelect.encode("ls")));
        assertInstanceOf(Pending.class, responder.receive(in, sent::writeBytes));
        assertEquals("036e610a036e610a", HEX.formatHex(sent.toByteArray()));
    }

    @Test
    void rejectsWrongHeader() {
        MultistreamSelect responder = MultistreamSelect.responder(p -> true);
        Failed f = assertInstanceOf(Failed.class,
                responder.receive(MultistreamSelect.encode("/multistream/2.0.0"), b -> { }));
        assertTrue(f.reason().contains("does not speak"), f.reason());
        assertTrue(!f.notSupported());
    }

    @Test
    void rejectsGarbage() {
        // 'G' reads as length 71; once that many bytes are in, the message is found malformed.
        // (Shorter garbage just waits: the handshake timeout closes such a connection.)
        MultistreamSelect responder = MultistreamSelect.responder(p -> true);
        byte[] http = "GET / HTTP/1.1\r\nHost: example.org\r\nUser-Agent: curl/8\r\nAccept: */*\r\nConnection: close\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Failed f = assertInstanceOf(Failed.class, responder.receive(http, b -> { }));
        assertTrue(f.reason().contains("malformed") || f.reason().contains("does not speak"), f.reason());
    }

    @Test
    void rejectsOversizedMessageWithoutBufferingIt() {
        MultistreamSelect responder = MultistreamSelect.responder(p -> true);
        byte[] lengthOnly = {(byte) 0x81, 0x40}; // 8193
        Failed f = assertInstanceOf(Failed.class, responder.receive(lengthOnly, b -> { }));
        assertTrue(f.reason().contains("outside"), f.reason());
    }

    @Test
    void rejectsMessageWithoutNewline() {
        MultistreamSelect responder = MultistreamSelect.responder(p -> true);
        Failed f = assertInstanceOf(Failed.class, responder.receive(new byte[] {2, 'a', 'b'}, b -> { }));
        assertTrue(f.reason().contains("newline"), f.reason());
    }

    @Test
    void givesUpOnAPeerThatKeepsProposing() {
        MultistreamSelect responder = MultistreamSelect.responder(p -> false);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(MultistreamSelect.encode(MultistreamSelect.PROTOCOL_ID));
        for (int i = 0; i <= MultistreamSelect.MAX_PROPOSALS; i++) {
            in.writeBytes(MultistreamSelect.encode("/p" + i));
        }
        assertInstanceOf(Failed.class, responder.receive(in.toByteArray(), b -> { }));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A byte queue standing for one direction of a connection. */
    private static final class Pipe {
        private final java.util.ArrayDeque<Byte> bytes = new java.util.ArrayDeque<>();

        void add(byte[] data) {
            for (byte b : data) {
                bytes.add(b);
            }
        }

        boolean hasByte() {
            return !bytes.isEmpty();
        }

        byte[] takeByte() {
            return new byte[] {bytes.poll()};
        }
    }
}
