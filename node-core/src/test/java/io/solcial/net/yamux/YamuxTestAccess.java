package io.solcial.net.yamux;

import io.solcial.net.Connection;

/** Test-only access to yamux session counters from other packages' tests. */
public final class YamuxTestAccess {
    private YamuxTestAccess() {
    }

    /** The most bytes any stream of {@code c} held received but not yet taken by its handler. */
    public static long peakStreamBufferedBytes(Connection c) {
        return ((YamuxConnection) c).peakStreamBufferedBytes();
    }

    /** Inbound streams {@code c} refused with RST. */
    public static long refusedStreams(Connection c) {
        return ((YamuxConnection) c).refusedStreams();
    }
}
