package io.solcial.beacon.gateway.web;

import io.solcial.beacon.gateway.http.HttpError;
import io.solcial.beacon.gateway.http.Request;
import io.solcial.beacon.gateway.http.Response;
import io.solcial.beacon.gateway.model.ReaderBlockSource;
import io.solcial.beacon.gateway.model.RequestValues;
import io.solcial.content.InvalidDagException;
import io.solcial.content.MissingBlockException;
import io.solcial.content.UnixFsReader;
import io.solcial.multiformats.Cid;
import io.solcial.node.SocialReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /media/{cid}}: a UnixFS file from the node's blocks. Its type comes from its first bytes,
 * not from anyone's claim: PNG, JPEG, GIF and WebP are served as images, anything else as a
 * download ({@code application/octet-stream}, attachment), so a file can never run as a page or
 * script on the gateway's origin (SVG included).
 */
final class MediaHandler {
    private static final int SNIFF = 12;

    private final UnixFsReader files;

    MediaHandler(SocialReader reader) {
        this.files = new UnixFsReader(new ReaderBlockSource(reader));
    }

    Response handle(Request request) throws HttpError, IOException {
        Cid cid = RequestValues.cid(request.param("cid"));
        String etag = "\"" + cid + "\"";
        if (request.header("if-none-match").filter(etag::equals).isPresent()) {
            return Response.bytes(304, "application/octet-stream", new byte[0]).header("etag", etag);
        }
        InputStream in;
        try {
            in = files.open(cid);
        } catch (MissingBlockException e) {
            throw HttpError.notFound("this beacon does not hold " + cid);
        } catch (InvalidDagException e) {
            throw HttpError.badRequest(cid + " is not a file");
        }
        byte[] head = in.readNBytes(SNIFF);
        String type = sniff(head);
        Response response = Response.stream(200, type, out -> {
            try (in) {
                out.write(head);
                in.transferTo(out);
            }
        });
        if (type.equals("application/octet-stream")) {
            response.header("content-disposition", "attachment; filename=\"" + cid + ".bin\"");
        }
        return response.header("etag", etag)
                .header("cache-control", "public, max-age=29030400, immutable")
                .header("content-security-policy", "default-src 'none'; sandbox");
    }

    static String sniff(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (head.length >= 12 && startsWith(head, 'R', 'I', 'F', 'F')
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
