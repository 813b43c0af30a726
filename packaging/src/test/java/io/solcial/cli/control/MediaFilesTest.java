package io.solcial.cli.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaFilesTest {
    @TempDir
    Path dir;

    @Test
    void magicBytesWinOverTheExtension() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
        assertEquals("image/png", MediaFiles.mime(png, "holiday.txt"));
        assertEquals("image/jpeg", MediaFiles.mime(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}, "x"));
        assertEquals("image/gif", MediaFiles.mime("GIF89a....".getBytes(StandardCharsets.US_ASCII), "x.png"));
        assertEquals("image/webp", MediaFiles.mime("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), "x"));
        assertEquals("image/avif", MediaFiles.mime("\0\0\0\u001cftypavif".getBytes(StandardCharsets.US_ASCII), "x"));
    }

    @Test
    void theExtensionDecidesWhenTheBytesSayNothingAndSvgIsNeverAnImage() {
        byte[] text = "hello".getBytes(StandardCharsets.US_ASCII);
        assertEquals("image/jpeg", MediaFiles.mime(text, "photo.JPG"));
        assertEquals(MediaFiles.UNKNOWN, MediaFiles.mime("<svg onload=alert(1)>".getBytes(StandardCharsets.US_ASCII), "x.svg"));
        assertEquals(MediaFiles.UNKNOWN, MediaFiles.mime(text, "no-extension"));
    }

    @Test
    void refusesRelativeMissingAndDirectoryPaths() throws Exception {
        ActionException relative = assertThrows(ActionException.class, () -> MediaFiles.load("pic.png"));
        assertTrue(relative.getMessage().contains("absolute"), relative.getMessage());
        assertThrows(ActionException.class, () -> MediaFiles.load(dir.resolve("missing.png").toString()));
        assertThrows(ActionException.class, () -> MediaFiles.load(dir.toString()));
        Path ok = Files.write(dir.resolve("ok.gif"), "GIF87a".getBytes(StandardCharsets.US_ASCII));
        assertEquals("image/gif", MediaFiles.load(ok.toString()).mime());
    }
}
