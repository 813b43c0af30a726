package io.solcial.net;

/** Connection events, called off the I/O threads' critical path; must not block. */
public interface ConnectionListener {

    default void connected(Connection connection) {
    }

    default void disconnected(Connection connection) {
    }
}
