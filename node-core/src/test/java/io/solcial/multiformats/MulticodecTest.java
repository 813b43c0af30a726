package io.solcial.multiformats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MulticodecTest {

    @Test
    void codesMatchMulticodecTable() {
        assertEquals(0x00, Multicodec.IDENTITY);
        assertEquals(0x12, Multicodec.SHA2_256);
        assertEquals(0x55, Multicodec.RAW);
        assertEquals(0x70, Multicodec.DAG_PB);
        assertEquals(0x71, Multicodec.DAG_CBOR);
        assertEquals(0x72, Multicodec.LIBP2P_KEY);
        assertEquals(0x0129, Multicodec.DAG_JSON);
    }

    @Test
    void namesKnownCodesAndHexForOthers() {
        assertEquals("libp2p-key", Multicodec.name(Multicodec.LIBP2P_KEY));
        assertEquals("sha2-256", Multicodec.name(Multicodec.SHA2_256));
        assertEquals("0x1cd", Multicodec.name(0x01cd));
    }

    @Test
    void contentCodecsExcludeHashFunctions() {
        assertTrue(Multicodec.isKnownContentCodec(Multicodec.RAW));
        assertTrue(Multicodec.isKnownContentCodec(Multicodec.DAG_JSON));
        assertFalse(Multicodec.isKnownContentCodec(Multicodec.SHA2_256));
        assertFalse(Multicodec.isKnownContentCodec(Multicodec.IDENTITY));
    }
}
