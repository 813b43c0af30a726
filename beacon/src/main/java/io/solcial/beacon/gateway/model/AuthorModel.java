package io.solcial.beacon.gateway.model;

import io.solcial.node.AuthorSummary;

/**
 * An author as pages and the JSON API show them.
 *
 * @param address wallet address (base58 Ed25519 key)
 * @param name    display name, or null when the profile sets none
 * @param avatar  CID of the avatar image, or null
 */
public record AuthorModel(String address, String name, String avatar) {

    public static AuthorModel of(AuthorSummary author) {
        return new AuthorModel(author.address(), author.name().orElse(null),
                author.avatar().map(Object::toString).orElse(null));
    }

    /** The name, or a shortened address when there is none. */
    public String displayName() {
        return name != null ? name : shortAddress();
    }

    /** {@code 4zvw…tajS}. */
    public String shortAddress() {
        return address.length() <= 10 ? address : address.substring(0, 4) + "…" + address.substring(address.length() - 4);
    }

    /** The letter shown in a placeholder avatar. */
    public String initial() {
        String shown = displayName();
        return shown.isEmpty() ? "?" : new String(Character.toChars(Character.toUpperCase(shown.codePointAt(0))));
    }

    /** One of twelve colour classes, stable per address. */
    public int hue() {
        return Math.floorMod(address.hashCode(), 12);
    }
}
