package io.solcial.log;

import io.solcial.multiformats.Cid;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The content of a post or reply: text and media attachments (UnixFS roots). Its block form is
 * given by {@link PostContentCodec}.
 */
public record PostContent(String text, List<Media> media) {

    public PostContent {
        Objects.requireNonNull(text, "text");
        media = List.copyOf(media);
        if (text.codePointCount(0, text.length()) > LogConstants.MAX_POST_TEXT_LENGTH) {
            throw new IllegalArgumentException("post text exceeds " + LogConstants.MAX_POST_TEXT_LENGTH + " characters");
        }
        if (media.size() > LogConstants.MAX_POST_MEDIA) {
            throw new IllegalArgumentException("more than " + LogConstants.MAX_POST_MEDIA + " media items");
        }
        if (text.isEmpty() && media.isEmpty()) {
            throw new IllegalArgumentException("a post needs text or media");
        }
    }

    public static PostContent text(String text) {
        return new PostContent(text, List.of());
    }

    /** An attachment: the root CID of a UnixFS file, its MIME type and an optional file name. */
    public record Media(Cid cid, String mime, Optional<String> name) {
        private static final Pattern MIME = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

        public Media {
            Objects.requireNonNull(cid, "cid");
            Objects.requireNonNull(name, "name");
            if (cid.version() != 1) {
                throw new IllegalArgumentException("media CID must be CIDv1");
            }
            if (mime.length() > LogConstants.MAX_MIME_LENGTH || !MIME.matcher(mime).matches()) {
                throw new IllegalArgumentException("not a lower-case MIME type: " + mime);
            }
            name.ifPresent(n -> {
                if (n.isEmpty() || n.codePointCount(0, n.length()) > LogConstants.MAX_MEDIA_NAME_LENGTH) {
                    throw new IllegalArgumentException("media name must have 1 to "
                            + LogConstants.MAX_MEDIA_NAME_LENGTH + " characters");
                }
            });
        }

        public static Media of(Cid cid, String mime) {
            return new Media(cid, mime, Optional.empty());
        }
    }
}
