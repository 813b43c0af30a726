package io.solcial.node;

import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import java.util.Objects;
import java.util.Optional;

/** Who wrote something: the key (its base58 form is the wallet address) and the profile's display fields. */
public record AuthorSummary(Ed25519PublicKey key, Optional<String> name, Optional<Cid> avatar) {

    public AuthorSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(avatar, "avatar");
    }

    /** The wallet address (base58). */
    public String address() {
        return key.address();
    }
}
