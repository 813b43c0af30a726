package io.solcial.beacon.gateway.ipfs;

import io.solcial.beacon.gateway.http.HttpError;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code entity-bytes=from:to} parameter: inclusive byte offsets, negative ones counted from
 * the end of the entity, {@code *} for its end.
 */
record EntityBytes(long from, OptionalLong to) {
    private static final Pattern SYNTAX = Pattern.compile("(-?\\d{1,18}):(-?\\d{1,18}|\\*)");

    static EntityBytes parse(String text) throws HttpError {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw HttpError.badRequest("entity-bytes must be from:to (integers, to may be *)");
        }
        OptionalLong to = m.group(2).equals("*") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(m.group(2)));
        return new EntityBytes(Long.parseLong(m.group(1)), to);
    }

    /** The inclusive range within an entity of {@code size} bytes; {@code first > last} when empty. */
    Range resolve(long size) {
        long first = from < 0 ? Math.max(0, size + from) : from;
        long last = to.isEmpty() ? size - 1 : (to.getAsLong() < 0 ? size + to.getAsLong() : to.getAsLong());
        return new Range(first, Math.min(last, size - 1));
    }

    /** True when the range starts past the end of a non-empty entity (a 400: nothing of it can be sent). */
    boolean outside(long size) {
        return size > 0 && resolve(size).first() >= size;
    }

    /** Inclusive byte offsets. */
    record Range(long first, long last) {
        boolean isEmpty() {
            return first > last;
        }

        boolean overlaps(long start, long length) {
            return length > 0 && start <= last && start + length - 1 >= first;
        }
    }

    @Override
    public String toString() {
        return from + ":" + (to.isPresent() ? Long.toString(to.getAsLong()) : "*");
    }
}
