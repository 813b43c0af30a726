package io.solcial.content;

import java.util.OptionalInt;

/** UnixFS {@code UnixTime}: seconds since the epoch (may be negative) and optional nanoseconds. */
public record UnixTime(long seconds, OptionalInt fractionalNanoseconds) {
    public UnixTime {
        if (fractionalNanoseconds.isPresent()) {
            int n = fractionalNanoseconds.getAsInt();
            if (n < 1 || n > 999_999_999) {
                throw new IllegalArgumentException("FractionalNanoseconds must be 1..999999999, got " + n);
            }
        }
    }
}
