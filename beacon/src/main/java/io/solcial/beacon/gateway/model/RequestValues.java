package io.solcial.beacon.gateway.model;

import io.solcial.beacon.gateway.http.HttpError;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.multiformats.Cid;
import io.solcial.node.Cursor;
import io.solcial.node.SocialReader;
import java.util.Optional;

/** Parses path and query values shared by the pages, the JSON API and the IPFS gateway; bad ones are 400s. */
public final class RequestValues {
    /** Items per page when the client does not say. */
    public static final int DEFAULT_LIMIT = 20;
    private static final int MAX_TEXT = 200;

    private RequestValues() {
    }

    public static Cid cid(String text) throws HttpError {
        try {
            return Cid.parse(text);
        } catch (RuntimeException e) {
            throw HttpError.badRequest("not a valid CID: " + clip(text));
        }
    }

    /** A wallet address in its canonical base58 form. */
    public static Ed25519PublicKey address(String text) throws HttpError {
        try {
            Ed25519PublicKey key = Ed25519PublicKey.fromAddress(text);
            if (key.address().equals(text)) {
                return key;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw HttpError.badRequest("not a wallet address: " + clip(text));
    }

    public static Optional<Cursor> cursor(Optional<String> text) throws HttpError {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Cursor.parse(text.get()));
        } catch (RuntimeException e) {
            throw HttpError.badRequest("not a valid cursor (<timestamp>-<cid>): " + clip(text.get()));
        }
    }

    /** 1 … {@link SocialReader#MAX_PAGE}; {@link #DEFAULT_LIMIT} when absent. */
    public static int limit(Optional<String> text) throws HttpError {
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.get());
            if (limit >= 1 && limit <= SocialReader.MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HttpError.badRequest("limit must be an integer from 1 to " + SocialReader.MAX_PAGE);
    }

    /** Echoes client input in an error message, cut short. */
    public static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
