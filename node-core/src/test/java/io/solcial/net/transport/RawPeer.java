package io.solcial.net.transport;

import com.google.protobuf.ByteString;
import com.southernstorm.noise.protocol.HandshakeState;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.net.mss.MultistreamSelect;
import io.solcial.net.proto.Libp2pProto.NoiseHandshakePayload;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A hand-rolled misbehaving dialer on a blocking socket: speaks exactly as much multistream-select
 * and Noise (noise-java directly) as a test needs, then does something wrong.
 */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawPeer(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** multistream-select as initiator for {@code /noise}; returns after the echo. */
    void selectNoise() throws IOException {
        send(concat(MultistreamSelect.encode(MultistreamSelect.PROTOCOL_ID), MultistreamSelect.encode("/noise")));
        expectMessage(MultistreamSelect.PROTOCOL_ID);
        expectMessage("/noise");
    }

    private void expectMessage(String expected) throws IOException {
        int len = in.readUnsignedByte(); // our messages are short: one-byte varint
        byte[] body = in.readNBytes(len);
        String got = new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
        if (!got.equals(expected)) {
            throw new IOException("expected " + expected + ", got " + got);
        }
    }

    void sendFrame(byte[] message) throws IOException {
        send(concat(new byte[] {(byte) (message.length >>> 8), (byte) message.length}, message));
    }

    byte[] readFrame() throws IOException {
        int len = in.readUnsignedShort();
        return in.readNBytes(len);
    }

    /**
     * A Noise XX initiator whose msg3 payload is built by {@code payload} from our static key;
     * returns after sending msg3.
     */
    void noiseWithPayload(PayloadMaker payload) throws Exception {
        HandshakeState hs = new HandshakeState("Noise_XX_25519_ChaChaPoly_SHA256", HandshakeState.INITIATOR);
        hs.getLocalKeyPair().generateKeyPair();
        byte[] staticKey = new byte[32];
        hs.getLocalKeyPair().getPublicKey(staticKey, 0);
        hs.start();
        byte[] buf = new byte[4096];
        int n = hs.writeMessage(buf, 0, new byte[0], 0, 0);
        sendFrame(Arrays.copyOf(buf, n));
        byte[] msg2 = readFrame();
        hs.readMessage(msg2, 0, msg2.length, buf, 0);
        byte[] p = payload.make(staticKey);
        n = hs.writeMessage(buf, 0, p, 0, p.length);
        sendFrame(Arrays.copyOf(buf, n));
        hs.destroy();
    }

    interface PayloadMaker {
        byte[] make(byte[] ourStaticKey);
    }

    static byte[] payload(byte[] identityKeyProto, byte[] signature) {
        return NoiseHandshakePayload.newBuilder()
                .setIdentityKey(ByteString.copyFrom(identityKeyProto))
                .setIdentitySig(ByteString.copyFrom(signature))
                .build().toByteArray();
    }

    static byte[] signedMessage(byte[] staticKey) {
        return concat("noise-libp2p-static-key:".getBytes(StandardCharsets.UTF_8), staticKey);
    }

    static byte[] signWith(Ed25519KeyPair key, byte[] staticKey) {
        return key.sign(signedMessage(staticKey));
    }

    /** True when the other side closed the connection (EOF or reset) within the socket timeout. */
    boolean closedByRemote() throws IOException {
        try {
            InputStream raw = socket.getInputStream();
            byte[] sink = new byte[4096];
            while (true) {
                if (raw.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
