package io.solcial.beacon.gateway.model;

import io.solcial.log.PostContent;

/**
 * A post attachment.
 *
 * @param cid  root CID of the UnixFS file
 * @param mime the MIME type the author gave
 * @param name file name, or null
 */
public record MediaModel(String cid, String mime, String name) {

    public static MediaModel of(PostContent.Media media) {
        return new MediaModel(media.cid().toString(), media.mime(), media.name().orElse(null));
    }

    /** True for image types, which pages show inline. */
    public boolean shownInline() {
        return mime.startsWith("image/");
    }
}
