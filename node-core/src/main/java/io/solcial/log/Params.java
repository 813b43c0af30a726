package io.solcial.log;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An entry's params: a small map from name to text, CID or integer, sorted by name. Which names
 * and types are allowed depends on the {@link Action}; {@link #check} enforces it.
 */
public record Params(SortedMap<String, ParamValue> values) {

    public Params {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<ParamValue> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Optional<Cid> cid(String name) {
        return get(name).map(v -> v instanceof ParamValue.CidValue c ? c.value() : null);
    }

    public Optional<String> text(String name) {
        return get(name).map(v -> v instanceof ParamValue.Text t ? t.value() : null);
    }

    /** A required CID param; for use after {@link #check}. */
    public Cid requireCid(String name) {
        return cid(name).orElseThrow(() -> new NoSuchElementException("no CID param " + name));
    }

    /** A required text/address param; for use after {@link #check}. */
    public String requireText(String name) {
        return text(name).orElseThrow(() -> new NoSuchElementException("no text param " + name));
    }

    /** Throws {@link IllegalArgumentException} unless these params are exactly what {@code action} allows. */
    public void check(Action action) {
        for (Map.Entry<String, ParamSpec> spec : action.params().entrySet()) {
            if (spec.getValue().required() && !values.containsKey(spec.getKey())) {
                throw new IllegalArgumentException(action + " requires param " + spec.getKey());
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(action + " needs at least one param");
        }
        for (Map.Entry<String, ParamValue> p : values.entrySet()) {
            ParamSpec spec = action.param(p.getKey()).orElseThrow(
                    () -> new IllegalArgumentException(action + " does not allow param " + p.getKey()));
            checkValue(p.getKey(), spec, p.getValue());
        }
    }

    private static void checkValue(String name, ParamSpec spec, ParamValue value) {
        switch (spec.type()) {
            case LINKED_CID, REF_CID -> {
                if (!(value instanceof ParamValue.CidValue c) || c.value().version() != 1) {
                    throw new IllegalArgumentException("param " + name + " must be a CIDv1");
                }
            }
            case ADDRESS -> {
                if (!(value instanceof ParamValue.Text t) || !isCanonicalAddress(t.value())) {
                    throw new IllegalArgumentException("param " + name + " must be a wallet address");
                }
            }
            case TEXT -> {
                if (!(value instanceof ParamValue.Text t)) {
                    throw new IllegalArgumentException("param " + name + " must be text");
                }
                if (t.value().codePointCount(0, t.value().length()) > spec.maxLength()) {
                    throw new IllegalArgumentException("param " + name + " exceeds " + spec.maxLength() + " characters");
                }
            }
            case INTEGER -> {
                if (!(value instanceof ParamValue.Int i) || Math.abs(i.value()) > LogConstants.MAX_SAFE_INTEGER) {
                    throw new IllegalArgumentException("param " + name + " must be an integer within +-(2^53 - 1)");
                }
            }
        }
    }

    private static boolean isCanonicalAddress(String address) {
        try {
            return Ed25519PublicKey.fromAddress(address).address().equals(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static final class Builder {
        private final TreeMap<String, ParamValue> values = new TreeMap<>();

        private Builder() {
        }

        public Builder cid(String name, Cid cid) {
            values.put(name, new ParamValue.CidValue(cid));
            return this;
        }

        public Builder text(String name, String text) {
            values.put(name, new ParamValue.Text(text));
            return this;
        }

        public Builder address(String name, Ed25519PublicKey key) {
            return text(name, key.address());
        }

        public Builder integer(String name, long value) {
            values.put(name, new ParamValue.Int(value));
            return this;
        }

        public Params build() {
            return new Params(values);
        }
    }
}
