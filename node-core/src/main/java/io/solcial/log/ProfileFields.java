package io.solcial.log;

import io.solcial.multiformats.Cid;
import java.util.Objects;
import java.util.Optional;

/** A profile's self-description: each field is the value of the latest update-profile that set it. */
public record ProfileFields(Optional<String> name, Optional<String> bio, Optional<Cid> avatar) {
    public static final ProfileFields EMPTY = new ProfileFields(Optional.empty(), Optional.empty(), Optional.empty());

    public ProfileFields {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bio, "bio");
        Objects.requireNonNull(avatar, "avatar");
    }

    /** These fields overwritten by the ones {@code params} (of an update-profile) sets. */
    ProfileFields update(Params params) {
        return new ProfileFields(
                params.text("name").or(() -> name),
                params.text("bio").or(() -> bio),
                params.cid("avatar").or(() -> avatar));
    }
}
