package io.solcial.net.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.southernstorm.noise.protocol.CipherStatePair;
import com.southernstorm.noise.protocol.HandshakeState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/**
 * Our Noise XX core against (1) the cacophony test vector, byte for byte, and (2) noise-java
 * (org.signal.forks:noise-java, test scope only) as a second implementation, both directions.
 */
class NoiseXxStateTest {
    private static final HexFormat HEX = HexFormat.of();

    private record Vector(Map<String, byte[]> fields, List<byte[]> payloads, List<byte[]> ciphertexts) {
        byte[] get(String name) {
            return fields.get(name);
        }
    }

    private static Vector loadVector() throws Exception {
        Map<String, byte[]> fields = new HashMap<>();
        List<byte[]> payloads = new ArrayList<>();
        List<byte[]> ciphertexts = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                NoiseXxStateTest.class.getResourceAsStream("/noise/cacophony-XX_25519_ChaChaPoly_SHA256.txt"),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(": ");
                String name = line.substring(0, colon);
                String value = line.substring(colon + 2).trim();
                switch (name) {
                    case "protocol_name" -> assertEquals(NoiseConstants.NOISE_PROTOCOL_NAME, value);
                    case "payload" -> payloads.add(HEX.parseHex(value));
                    case "ciphertext" -> ciphertexts.add(HEX.parseHex(value));
                    default -> fields.put(name, HEX.parseHex(value));
                }
            }
        }
        assertEquals(payloads.size(), ciphertexts.size());
        return new Vector(fields, payloads, ciphertexts);
    }

    @Test
    void matchesTheCacophonyVectorByteForByte() throws Exception {
        Vector v = loadVector();
        NoiseXxState initiator = new NoiseXxState(true, v.get("init_prologue"), v.get("init_static"),
                v.get("init_ephemeral"), new SecureRandom());
        NoiseXxState responder = new NoiseXxState(false, v.get("resp_prologue"), v.get("resp_static"),
                v.get("resp_ephemeral"), new SecureRandom());
        for (int i = 0; i < 3; i++) {
            NoiseXxState writer = i % 2 == 0 ? initiator : responder;
            NoiseXxState reader = i % 2 == 0 ? responder : initiator;
            byte[] message = writer.writeMessage(v.payloads().get(i));
            assertArrayEquals(v.ciphertexts().get(i), message, "handshake message " + i);
            assertArrayEquals(v.payloads().get(i), reader.readMessage(message), "handshake payload " + i);
        }
        assertTrue(initiator.isComplete());
        assertTrue(responder.isComplete());
        assertArrayEquals(v.get("handshake_hash"), initiator.handshakeHash());
        assertArrayEquals(v.get("handshake_hash"), responder.handshakeHash());
        assertArrayEquals(initiator.localStaticPublicKey(), responder.remoteStaticPublicKey());
        assertArrayEquals(responder.localStaticPublicKey(), initiator.remoteStaticPublicKey());

        NoiseCipherState[] i = initiator.split();
        NoiseCipherState[] r = responder.split();
        for (int m = 3; m < v.payloads().size(); m++) {
            NoiseCipherState send = m % 2 == 0 ? i[0] : r[0]; // even: initiator → responder
            NoiseCipherState receive = m % 2 == 0 ? r[1] : i[1];
            byte[] payload = v.payloads().get(m);
            byte[] out = new byte[payload.length + NoiseConstants.TAG_LENGTH];
            assertEquals(out.length, send.encryptWithAd(null, payload, 0, out, 0, payload.length));
            assertArrayEquals(v.ciphertexts().get(m), out, "transport message " + m);
            byte[] plain = new byte[out.length];
            assertEquals(payload.length, receive.decryptWithAd(null, out, 0, plain, 0, out.length));
            assertArrayEquals(payload, java.util.Arrays.copyOf(plain, payload.length));
        }
    }

    @Test
    void interoperatesWithNoiseJavaAsResponder() throws Exception {
        crossCheck(true);
    }

    @Test
    void interoperatesWithNoiseJavaAsInitiator() throws Exception {
        crossCheck(false);
    }

    /** One side ours, the other noise-java; random payloads; then transport messages both ways. */
    private static void crossCheck(boolean oursInitiates) throws Exception {
        Random random = new Random(oursInitiates ? 1 : 2);
        NoiseXxState ours = new NoiseXxState(oursInitiates);
        HandshakeState theirs = new HandshakeState(NoiseConstants.NOISE_PROTOCOL_NAME,
                oursInitiates ? HandshakeState.RESPONDER : HandshakeState.INITIATOR);
        theirs.getLocalKeyPair().generateKeyPair();
        theirs.start();
        byte[] buffer = new byte[4096];
        for (int i = 0; i < 3; i++) {
            byte[] payload = new byte[random.nextInt(300)];
            random.nextBytes(payload);
            if (ours.isWriteTurn()) {
                byte[] message = ours.writeMessage(payload);
                int n = theirs.readMessage(message, 0, message.length, buffer, 0);
                assertArrayEquals(payload, java.util.Arrays.copyOf(buffer, n));
            } else {
                int length = theirs.writeMessage(buffer, 0, payload, 0, payload.length);
                assertArrayEquals(payload, ours.readMessage(java.util.Arrays.copyOf(buffer, length)));
            }
        }
        assertTrue(ours.isComplete());
        assertEquals(HandshakeState.SPLIT, theirs.getAction());
        assertArrayEquals(theirs.getHandshakeHash(), ours.handshakeHash());
        byte[] theirStatic = new byte[32];
        theirs.getLocalKeyPair().getPublicKey(theirStatic, 0);
        assertArrayEquals(theirStatic, ours.remoteStaticPublicKey());

        NoiseCipherState[] mine = ours.split();
        CipherStatePair pair = theirs.split();
        for (int m = 0; m < 20; m++) {
            byte[] plain = new byte[m == 0 ? 0 : m < 10 ? random.nextInt(2000) : NoiseConstants.MAX_PLAINTEXT_LENGTH];
            random.nextBytes(plain);
            byte[] wire = new byte[plain.length + NoiseConstants.TAG_LENGTH];
            byte[] back = new byte[wire.length];
            // ours → noise-java
            assertEquals(wire.length, mine[0].encryptWithAd(null, plain, 0, wire, 0, plain.length));
            assertEquals(plain.length, pair.getReceiver().decryptWithAd(null, wire, 0, back, 0, wire.length));
            assertArrayEquals(plain, java.util.Arrays.copyOf(back, plain.length));
            // noise-java → ours, in place
            assertEquals(wire.length, pair.getSender().encryptWithAd(null, plain, 0, wire, 0, plain.length));
            assertEquals(plain.length, mine[1].decryptWithAd(null, wire, 0, wire, 0, wire.length));
            assertArrayEquals(plain, java.util.Arrays.copyOf(wire, plain.length));
        }
        pair.destroy();
        mine[0].destroy();
        mine[1].destroy();
    }

    @Test
    void rejectsATamperedHandshakeMessage() throws Exception {
        NoiseXxState initiator = new NoiseXxState(true);
        NoiseXxState responder = new NoiseXxState(false);
        responder.readMessage(initiator.writeMessage(new byte[0]));
        byte[] msg2 = responder.writeMessage(new byte[] {1, 2, 3});
        msg2[40] ^= 1; // inside the encrypted static key
        assertThrows(AEADBadTagException.class, () -> initiator.readMessage(msg2));
        assertFalse(initiator.isComplete());
    }

    @Test
    void rejectsALowOrderEphemeralKey() throws Exception {
        NoiseXxState responder = new NoiseXxState(false);
        responder.readMessage(new byte[32]); // the all-zero u-coordinate has small order
        assertThrows(GeneralSecurityException.class, () -> responder.writeMessage(new byte[0]));
    }

    @Test
    void rejectsMessagesOutOfTurnAndTooShort() throws Exception {
        NoiseXxState initiator = new NoiseXxState(true);
        assertThrows(IllegalStateException.class, () -> initiator.readMessage(new byte[32]));
        NoiseXxState responder = new NoiseXxState(false);
        assertThrows(IllegalStateException.class, () -> responder.writeMessage(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> responder.readMessage(new byte[31]));
        assertThrows(IllegalStateException.class, initiator::split);
    }

    @Test
    void refusesTheReservedNonce() throws Exception {
        NoiseCipherState send = new NoiseCipherState(new byte[32]);
        NoiseCipherState receive = new NoiseCipherState(new byte[32]);
        send.setNonce(-2L); // 2^64-2: the last usable nonce
        receive.setNonce(-2L);
        byte[] wire = new byte[20];
        assertEquals(20, send.encryptWithAd(null, new byte[4], 0, wire, 0, 4));
        assertEquals(4, receive.decryptWithAd(null, wire, 0, new byte[20], 0, 20));
        assertThrows(IllegalStateException.class, () -> send.encryptWithAd(null, new byte[4], 0, wire, 0, 4));
        assertThrows(IllegalStateException.class, () -> receive.decryptWithAd(null, wire, 0, new byte[20], 0, 20));
    }

    @Test
    void aFailedDecryptionKeepsTheNonce() throws Exception {
        NoiseCipherState send = new NoiseCipherState(new byte[32]);
        NoiseCipherState receive = new NoiseCipherState(new byte[32]);
        byte[] wire = new byte[20];
        send.encryptWithAd(null, new byte[4], 0, wire, 0, 4);
        wire[0] ^= 1;
        assertThrows(AEADBadTagException.class, () -> receive.decryptWithAd(null, wire, 0, new byte[20], 0, 20));
        assertEquals(0, receive.nonce());
    }
}
