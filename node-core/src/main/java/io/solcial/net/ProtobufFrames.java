package io.solcial.net;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;

/** Parses one received protobuf message after checking its size: either failure is the peer's fault. */
public final class ProtobufFrames {
    private ProtobufFrames() {
    }

    public static <T> T parse(byte[] data, int maxSize, String what, Parser<T> parser) throws ProtocolViolationException {
        if (data.length > maxSize) {
            throw new ProtocolViolationException(what + " message of " + data.length + " bytes exceeds " + maxSize);
        }
        try {
            return parser.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtocolViolationException("malformed " + what + " message: " + e.getMessage(), e);
        }
    }
}
