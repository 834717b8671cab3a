package dev.shoal.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitTest {

    @Test
    void pollsUntilTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Wait.until("three polls", () -> polls.incrementAndGet() >= 3);
        assertEquals(3, polls.get());
        assertEquals("v", Wait.forValue("value", () -> polls.incrementAndGet() >= 5 ? "v" : null));
    }

    @Test
    void failsAfterTheTimeoutNamingTheConditionAndLastError() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Wait.until("the impossible", Duration.ofMillis(20), () -> {
                    throw new IllegalStateException("not yet");
                }));
        assertTrue(e.getMessage().contains("the impossible"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException);
    }

    @Test
    void waitsOnFutures() {
        assertEquals(7, Wait.on("done", CompletableFuture.completedFuture(7)));
        AssertionError timeout = assertThrows(AssertionError.class,
                () -> Wait.on("never", Duration.ofMillis(10), new CompletableFuture<Integer>()));
        assertTrue(timeout.getMessage().contains("never"));
        AssertionError failed = assertThrows(AssertionError.class,
                () -> Wait.on("boom", CompletableFuture.failedFuture(new IllegalStateException("x"))));
        assertTrue(failed.getCause() instanceof IllegalStateException);
    }
}
