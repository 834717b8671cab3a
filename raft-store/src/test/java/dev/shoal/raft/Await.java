package dev.shoal.raft;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling; fails the test with a description after a generous deadline. */
final class Await {
    static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {}

    static void until(String what, BooleanSupplier condition) { until(what, DEFAULT, condition); }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException ignored) {
                // not there yet
            }
            if (System.nanoTime() > deadline) fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            try {
                Thread.sleep(20); // polling interval only; never the assertion itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    /** Polls {@code value} until it is non-null and returns it. */
    static <T> T value(String what, Supplier<T> value) {
        Object[] box = new Object[1];
        until(what, () -> (box[0] = value.get()) != null);
        @SuppressWarnings("unchecked") T t = (T) box[0];
        return t;
    }

    static <T> T result(CompletableFuture<T> f) {
        try {
            return f.get(DEFAULT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("future did not complete", e);
        }
    }
}
