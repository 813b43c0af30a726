package io.solcial.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical JSON of our formats: RFC 8785 (JCS) restricted to objects, arrays, strings and
 * integers within +-(2^53 - 1). Keys sorted by UTF-16 code units ({@link String#compareTo}), no
 * whitespace, strings UTF-8 with only the escapes JCS uses, unpaired surrogates refused. The
 * parser accepts a document only if writing it back gives the very same bytes.
 */
final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** Writes a tree of Map (String keys), List, String, Long or Integer. */
    static byte[] write(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses canonical JSON into the tree {@link #write} takes: SortedMap, List, String, Long. */
    static Object parse(byte[] bytes) throws NotCanonicalException {
        Object tree;
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null) {
                throw new NotCanonicalException("empty document");
            }
            tree = convert(node);
        } catch (JsonProcessingException e) {
            throw new NotCanonicalException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NotCanonicalException("not JSON: " + e.getMessage());
        }
        byte[] canonical;
        try {
            canonical = write(tree);
        } catch (IllegalArgumentException e) {
            throw new NotCanonicalException(e.getMessage());
        }
        if (!Arrays.equals(canonical, bytes)) {
            throw new NotCanonicalException("not in canonical form");
        }
        return tree;
    }

    private static Object convert(JsonNode node) throws NotCanonicalException {
        if (node.isObject()) {
            SortedMap<String, Object> map = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                map.put(field.getKey(), convert(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode element : node) {
                list.add(convert(element));
            }
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber() && node.bigIntegerValue().bitLength() < 54) {
            return node.longValue();
        }
        throw new NotCanonicalException("unsupported JSON value: " + node.getNodeType());
    }

    private static void writeValue(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            writeObject(map, out);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Long || value instanceof Integer) {
            long n = ((Number) value).longValue();
            if (Math.abs(n) > LogConstants.MAX_SAFE_INTEGER) {
                throw new IllegalArgumentException("integer beyond +-(2^53 - 1): " + n);
            }
            out.append(n);
        } else {
            throw new IllegalArgumentException("cannot write " + (value == null ? "null" : value.getClass()));
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            sorted.put((String) e.getKey(), e.getValue());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(e.getKey(), out);
            out.append(':');
            writeValue(e.getValue(), out);
        }
        out.append('}');
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("unpaired surrogate in string");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The bytes are not JSON, use a value we do not write, or are not in canonical form. */
    static final class NotCanonicalException extends Exception {
        private static final long serialVersionUID = 1L;

        NotCanonicalException(String message) {
            super(message);
        }
    }
}
