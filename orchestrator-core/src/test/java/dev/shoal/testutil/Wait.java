package dev.shoal.testutil;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a timeout passes; for tests of running loops. */
public final class Wait {
    private Wait() {}

    /** Waits up to 10 s for {@code condition}; fails with {@code what} otherwise. */
    public static void until(String what, BooleanSupplier condition) { until(what, Duration.ofSeconds(10), condition); }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
