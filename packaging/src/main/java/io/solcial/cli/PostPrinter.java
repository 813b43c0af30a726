package io.solcial.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solcial.beacon.gateway.model.AuthorModel;
import io.solcial.beacon.gateway.model.MediaModel;
import io.solcial.beacon.gateway.model.PostModel;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Posts for a terminal: author (name and address), time (UTC), text, media CIDs, entry CID. Text
 * from other people never reaches the terminal raw: control characters (escape sequences that
 * could rewrite the screen) are shown as U+FFFD.
 */
final class PostPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostPrinter() {
    }

    static void print(List<PostModel> posts, PrintWriter out) {
        for (PostModel p : posts) {
            out.println(author(p.author()) + "  " + Instant.ofEpochMilli(p.timestamp()).truncatedTo(ChronoUnit.SECONDS));
            if (p.parent() != null) {
                out.println("  in reply to: " + p.parent());
            }
            if (p.text() == null) {
                out.println("  (content not fetched yet)");
            } else {
                for (String line : p.text().split("\n", -1)) {
                    out.println("  " + safe(line));
                }
            }
            for (MediaModel m : p.media()) {
                out.println("  media: " + m.cid() + " (" + safe(m.mime()) + (m.name() == null ? "" : ", " + safe(m.name())) + ")");
            }
            out.println("  likes: " + p.likes() + "  replies: " + p.replies() + "  entry: " + p.cid());
            out.println();
        }
    }

    /** {@code Name (address)}, or the address alone when the profile sets no name. */
    static String author(AuthorModel a) {
        return a.name() == null ? a.address() : safe(a.name()) + " (" + a.address() + ")";
    }

    static void json(Object value, PrintWriter out) throws JsonProcessingException {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    /** {@code text} with every control character (but tab) replaced by U+FFFD. */
    static String safe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(c != '\t' && (Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT && isBidiControl(c)) ? 0xFFFD : c));
        return b.toString();
    }

    /** Bidirectional overrides and isolates, which can make text read differently from what it is. */
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
