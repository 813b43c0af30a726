package io.solcial.overlay.net;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition on real time, for tests over real connections. */
public final class Eventually {
    private Eventually() {}

    /** Whether {@code condition} holds within {@code timeout} (checked every 25 ms, and once more at the end). */
    public static boolean within(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(25);
        }
        return condition.getAsBoolean();
    }
}
