package io.solcial.net;

/** Who opened a connection or stream. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
