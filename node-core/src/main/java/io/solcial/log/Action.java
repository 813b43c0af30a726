package io.solcial.log;

import static io.solcial.log.ParamSpec.optional;
import static io.solcial.log.ParamSpec.optionalText;
import static io.solcial.log.ParamSpec.required;
import static io.solcial.log.ParamType.ADDRESS;
import static io.solcial.log.ParamType.LINKED_CID;
import static io.solcial.log.ParamType.REF_CID;

import java.util.Map;
import java.util.Optional;

/** What an entry does, with the params each action requires or allows. */
public enum Action {
    APPEND_FEED_POST("append-feed-post", Map.of("content", required(LINKED_CID))),
    REPLY("reply", Map.of("content", required(LINKED_CID), "parent", required(REF_CID), "root", optional(REF_CID))),
    LIKE("like", Map.of("target", required(REF_CID))),
    UNLIKE("unlike", Map.of("target", required(REF_CID))),
    FOLLOW("follow", Map.of("author", required(ADDRESS))),
    UNFOLLOW("unfollow", Map.of("author", required(ADDRESS))),
    /** At least one of the optional params must be present. */
    UPDATE_PROFILE("update-profile", Map.of(
            "name", optionalText(LogConstants.MAX_NAME_LENGTH),
            "bio", optionalText(LogConstants.MAX_BIO_LENGTH),
            "avatar", optional(LINKED_CID))),
    /** The target must be an entry of the same author; the fold ignores any other target. */
    DELETE("delete", Map.of("target", required(REF_CID)));

    private final String wireName;
    private final Map<String, ParamSpec> params;

    Action(String wireName, Map<String, ParamSpec> params) {
        this.wireName = wireName;
        this.params = params;
    }

    /** The name written in the entry's "action" field. */
    public String wireName() {
        return wireName;
    }

    /** The params this action allows, by name. */
    public Map<String, ParamSpec> params() {
        return params;
    }

    public Optional<ParamSpec> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public static Optional<Action> fromWireName(String name) {
        for (Action a : values()) {
            if (a.wireName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
