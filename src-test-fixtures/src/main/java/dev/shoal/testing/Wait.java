package dev.shoal.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Polls a condition until it holds or a timeout passes, then fails the test with an
 * {@link AssertionError} naming what was awaited. Tests use it instead of sleeping; the timeout is a
 * safety net, never something a test measures.
 *
 * <p>A condition that throws counts as "not yet"; the last such exception becomes the failure's cause.
 * Polling starts at 5 ms and backs off to 100 ms. Stateless and thread-safe.
 */
public final class Wait {
    /** The timeout tests use unless they have a reason not to. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Wait() {}

    /** A condition that may throw while the system is not ready yet. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A probe that yields a value once ready ({@code null} means not yet) and may throw meanwhile. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for {@code condition}. */
    public static void until(String what, Condition condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /** Waits up to {@code timeout} for {@code condition}; throws {@link AssertionError} mentioning {@code what}. */
    public static void until(String what, Duration timeout, Condition condition) {
        forValue(what, timeout, () -> condition.holds() ? Boolean.TRUE : null);
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for {@code probe} to return non-null, and returns that value. */
    public static <T> T forValue(String what, Probe<T> probe) {
        return forValue(what, DEFAULT_TIMEOUT, probe);
    }

    /** Waits up to {@code timeout} for {@code probe} to return non-null, and returns that value. */
    public static <T> T forValue(String what, Duration timeout, Probe<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_NANOS;
        Exception last = null;
        while (true) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")"));
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
        }
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for {@code future}; its failure is rethrown as an {@link AssertionError}. */
    public static <T> T on(String what, CompletableFuture<T> future) {
        return on(what, DEFAULT_TIMEOUT, future);
    }

    /** Waits up to {@code timeout} for {@code future}; its failure is rethrown as an {@link AssertionError}. */
    public static <T> T on(String what, Duration timeout, CompletableFuture<T> future) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
