package io.solcial.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static String write(Object value) {
        return new String(CanonicalJson.write(value), StandardCharsets.UTF_8);
    }

    private static void assertRejected(String json) {
        assertThrows(CanonicalJson.NotCanonicalException.class,
                () -> CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8)), json);
    }

    @Test
    void sortsKeysByUtf16CodeUnits() {
        Map<String, Object> map = new TreeMap<>();
        map.put("b", 1L);
        map.put("a", List.of("x", 2L));
        map.put("\ud83d\ude00", "astral");
        map.put("\uffff", "bmp");
        assertEquals("{\"a\":[\"x\",2],\"b\":1,\"\ud83d\ude00\":\"astral\",\"\uffff\":\"bmp\"}", write(map));
    }

    @Test
    void escapesLikeJcs() {
        assertEquals("\"q\\\"b\\\\n\\n t\\t c\\u0001 /\u00e9\u2028\"", write("q\"b\\n\n t\t c\u0001 /\u00e9\u2028"));
    }

    @Test
    void refusesUnpairedSurrogatesAndUnsafeIntegers() {
        assertThrows(IllegalArgumentException.class, () -> write("\ud800"));
        assertThrows(IllegalArgumentException.class, () -> write(1L << 53));
        assertRejected("\"\\ud800\"");
        assertRejected("9007199254740992");
    }

    @Test
    void parsesOnlyCanonicalForm() throws Exception {
        assertEquals(Map.of("a", List.of(1L, "b")), CanonicalJson.parse("{\"a\":[1,\"b\"]}".getBytes(StandardCharsets.UTF_8)));
        assertRejected("{\"a\": 1}");
        assertRejected("{\"b\":1,\"a\":2}");
        assertRejected("{\"a\":1,\"a\":1}");
        assertRejected("{\"a\":1.0}");
        assertRejected("{\"a\":1e2}");
        assertRejected("{\"a\":-0}");
        assertRejected("{\"a\":01}");
        assertRejected("{\"a\":true}");
        assertRejected("{\"a\":null}");
        assertRejected("\"\\u0061\"");
        assertRejected("\"\\/\"");
        assertRejected("{} ");
        assertRejected("{}{}");
        assertRejected("");
    }
}
