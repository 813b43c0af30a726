package io.solcial.content;

import java.io.IOException;

/** A CAR stream does not follow the CARv1 format: bad header, truncated or oversized section. */
public final class CarFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CarFormatException(String message) {
        super(message);
    }

    public CarFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
