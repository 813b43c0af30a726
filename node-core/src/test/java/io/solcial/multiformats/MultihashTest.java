package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultihashTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void hashesEmptyInputWithSha256() {
        Multihash mh = Multihash.sha256(new byte[0]);
        assertEquals(Multicodec.SHA2_256, mh.code());
        assertEquals(SHA256_EMPTY, mh.digest().toHex());
        assertEquals("1220" + SHA256_EMPTY, HEX.formatHex(mh.toBytes()));
        assertEquals(mh, Multihash.decode(mh.toBytes()));
    }

    @Test
    void identityInlinesTheData() {
        Multihash mh = Multihash.identity("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("0003616263", HEX.formatHex(mh.toBytes()));
        assertEquals(mh, Multihash.decode(HEX.parseHex("0003616263")));
        assertEquals("0000", HEX.formatHex(Multihash.identity(new byte[0]).toBytes()));
    }

    @Test
    void matchesOnlyTheHashedData() {
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        assertTrue(Multihash.sha256(data).matches(data));
        assertFalse(Multihash.sha256(data).matches("hellO".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(Multihash.identity(data).matches(data));
        assertFalse(Multihash.identity(data).matches(new byte[0]));
    }

    @Test
    void sha256MatchesComparesTheDigestOfBytesInPlace() {
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        Bytes digest = Multihash.sha256(data).digest();
        assertTrue(Multihash.sha256Matches(Bytes.of(data), digest));
        assertFalse(Multihash.sha256Matches(Bytes.of("hellO".getBytes(StandardCharsets.US_ASCII)), digest));
        assertTrue(Multihash.sha256Matches(Bytes.EMPTY, Bytes.fromHex(SHA256_EMPTY)));
        // a digest of another length never matches (and the buffer kept per thread is not confused by it)
        assertFalse(Multihash.sha256Matches(Bytes.of(data), Bytes.of(new byte[31])));
        assertFalse(Multihash.sha256Matches(Bytes.of(data), Bytes.EMPTY));
        assertTrue(Multihash.sha256Matches(Bytes.of(data), digest));
        assertEquals(digest, Bytes.of(Multihash.sha256Digest(Bytes.of(data))));
    }

    @Test
    void toStringIsBase58() {
        assertEquals("QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n",
                Multihash.sha256(new byte[0]).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1340" + "00",   // sha2-512: unsupported here
        "1114" + "00",   // sha1
        "b24020",        // blake2b-256
    })
    void rejectsUnknownCode(String hex) {
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Multihash.decode(HEX.parseHex(hex)));
        assertTrue(e.getMessage().contains("unsupported multihash code"), e.getMessage());
    }

    @Test
    void rejectsSha256DigestOfWrongLength() {
        String short16 = "1210" + "00".repeat(16);
        assertThrows(InvalidMultiformatException.class, () -> Multihash.decode(HEX.parseHex(short16)));
        assertThrows(InvalidMultiformatException.class,
                () -> new Multihash(Multicodec.SHA2_256, Bytes.of(new byte[33])));
    }

    @Test
    void rejectsDigestShorterThanItsLength() {
        String truncated = "1220" + SHA256_EMPTY.substring(0, 62);
        InvalidMultiformatException e =
                assertThrows(InvalidMultiformatException.class, () -> Multihash.decode(HEX.parseHex(truncated)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsTrailingBytes() {
        assertThrows(InvalidMultiformatException.class, () -> Multihash.decode(HEX.parseHex("000100ff")));
    }

    @Test
    void rejectsOversizedIdentity() {
        assertThrows(InvalidMultiformatException.class,
                () -> Multihash.identity(new byte[Multihash.MAX_IDENTITY_LENGTH + 1]));
        assertEquals(Multihash.MAX_IDENTITY_LENGTH,
                Multihash.identity(new byte[Multihash.MAX_IDENTITY_LENGTH]).digest().length());
    }

    @Test
    void readLeavesFollowingBytes() {
        ByteReader in = new ByteReader(HEX.parseHex("000161ff"));
        assertEquals(Multihash.identity(new byte[] {0x61}), Multihash.read(in));
        assertEquals(1, in.remaining());
    }
}
