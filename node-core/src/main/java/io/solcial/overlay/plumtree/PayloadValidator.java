package io.solcial.overlay.plumtree;

import io.solcial.multiformats.Bytes;
import java.util.Objects;

/**
 * The application's check of a received payload (e.g. the announced entry's signature), run
 * before delivery and forwarding. Runs on the overlay thread: keep it cheap or pre-verified.
 */
@FunctionalInterface
public interface PayloadValidator {

    Validation validate(Bytes payload);

    /** Accepts every payload. */
    static PayloadValidator acceptAll() {
        return payload -> Validation.VALID;
    }

    /** The verdict on one payload. */
    sealed interface Validation {
        Validation VALID = new Valid();

        record Valid() implements Validation {}

        record Invalid(String reason) implements Validation {
            public Invalid {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
