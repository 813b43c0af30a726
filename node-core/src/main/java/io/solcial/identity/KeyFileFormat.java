package io.solcial.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** The two on-disk forms of an identity, told apart by their first JSON token. */
public enum KeyFileFormat {
    /** The Solana CLI keypair: a JSON array of 64 numbers, secret in clear. */
    SOLANA_KEYPAIR,
    /** A Solcial keystore: a JSON object, seed encrypted under a passphrase. */
    KEYSTORE;

    public static KeyFileFormat detect(Path file) throws IOException {
        byte[] content = SecureFiles.readSmall(file);
        try {
            return detect(content, file.toString());
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    public static KeyFileFormat detect(byte[] content, String source) throws KeyFileFormatException {
        int i = 0;
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
                && (content[2] & 0xff) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        for (; i < content.length; i++) {
            switch (content[i]) {
                case ' ', '\t', '\r', '\n':
                    continue;
                case '[':
                    return SOLANA_KEYPAIR;
                case '{':
                    return KEYSTORE;
                default:
                    throw new KeyFileFormatException(source
                            + ": neither a Solana keypair file (JSON array) nor a Solcial keystore (JSON object)");
            }
        }
        throw new KeyFileFormatException(source + ": the file is empty");
    }
}
