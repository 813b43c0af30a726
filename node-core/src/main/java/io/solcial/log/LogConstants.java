package io.solcial.log;

import java.time.Duration;

/** Wire and validation limits of the profile log (docs/protocol.md, "Profile log entries"). */
public final class LogConstants {
    /** The entry format version, written as {@code "v":1}. */
    public static final int VERSION = 1;
    /** Prefixed to the canonical unsigned JSON before signing (ASCII, no terminator). */
    public static final String SIGNATURE_DOMAIN = "solcial-entry-v1:";
    /** The largest entry block (DAG-PB bytes) we create or accept. */
    public static final int MAX_ENTRY_SIZE = 16 * 1024;
    /** The most prev links one entry may carry (heads merged at once). */
    public static final int MAX_PREV = 16;
    /** How far ahead of our clock an entry's timestamp may be. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** The largest seq and timestamp: integers stay exact in every JSON implementation (2^53 - 1). */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** update-profile "name", in Unicode code points. */
    public static final int MAX_NAME_LENGTH = 64;
    /** update-profile "bio", in Unicode code points. */
    public static final int MAX_BIO_LENGTH = 1024;
    /** A post's text, in Unicode code points. */
    public static final int MAX_POST_TEXT_LENGTH = 4096;
    /** Media items attached to one post. */
    public static final int MAX_POST_MEDIA = 16;
    /** A media item's MIME type and file name, in code points. */
    public static final int MAX_MIME_LENGTH = 127;
    public static final int MAX_MEDIA_NAME_LENGTH = 255;
    /** The largest post content block (DAG-PB bytes). */
    public static final int MAX_POST_CONTENT_SIZE = 32 * 1024;

    private LogConstants() {
    }
}
