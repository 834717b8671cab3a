package dev.shoal.model;

import java.util.List;

/**
 * A container health check, as Docker's {@code HealthConfig}: {@code test} is {@code ["NONE"]},
 * {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]}; durations in nanoseconds (null or 0 =
 * the engine's default). Immutable.
 */
public record HealthConfig(List<String> test, Long interval, Long timeout, Long startPeriod, Integer retries) {
    public HealthConfig {
        test = test == null ? List.of() : List.copyOf(test);
    }
}
