package io.solcial.overlay;

/** A scheduled task that can be cancelled. Cancelling a task that already ran does nothing. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
