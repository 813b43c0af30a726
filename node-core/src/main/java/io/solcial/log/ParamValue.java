package io.solcial.log;

import io.solcial.multiformats.Cid;
import java.util.Objects;

/** A param value: text (also addresses), a CID, or an integer. */
public sealed interface ParamValue {

    /** The value as written in JSON: a String (text, CID in base32) or a Long. */
    Object toJson();

    record Text(String value) implements ParamValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object toJson() {
            return value;
        }
    }

    record CidValue(Cid value) implements ParamValue {
        public CidValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object toJson() {
            return value.toString();
        }
    }

    record Int(long value) implements ParamValue {
        @Override
        public Object toJson() {
            return value;
        }
    }
}
