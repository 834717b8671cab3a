package dev.shoal.model;

/**
 * When and how fast failed tasks are replaced. Durations in nanoseconds; a null field takes Swarm's
 * default (condition any, delay 5 s, unlimited attempts, no window). Immutable.
 */
public record RestartPolicy(RestartCondition condition, Long delay, Long maxAttempts, Long window) {
    public static final long DEFAULT_DELAY_NANOS = 5_000_000_000L;
    public static final RestartPolicy DEFAULT = new RestartPolicy(null, null, null, null);

    public RestartCondition effectiveCondition() { return condition == null ? RestartCondition.ANY : condition; }

    public long delayNanos() { return delay == null ? DEFAULT_DELAY_NANOS : delay; }

    public long maxAttemptsOrZero() { return maxAttempts == null ? 0 : maxAttempts; }

    public long windowNanos() { return window == null ? 0 : window; }
}
