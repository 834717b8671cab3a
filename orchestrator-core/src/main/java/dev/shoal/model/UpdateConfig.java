package dev.shoal.model;

/**
 * How a service's tasks are replaced a few at a time, shaped as Docker's {@code UpdateConfig}: at most
 * {@code parallelism} at once (0: all at once), {@code delay} and {@code monitor} in nanoseconds, the
 * {@code failureAction} ("pause", "continue", "rollback"), {@code maxFailureRatio} and the {@code order}
 * ("stop-first", "start-first"). Null fields take Docker's defaults ({@link #DEFAULT_MONITOR_NANOS},
 * failure action "pause", ratio 0, parallelism 1, stop-first). The same shape is a service's
 * {@code RollbackConfig}. The rolling updater uses every field; the rebalancer uses {@code parallelism}
 * (moves in flight at once per service). Immutable.
 */
public record UpdateConfig(Long parallelism, Long delay, String failureAction, Long monitor, Double maxFailureRatio, String order) {
    /** Docker's default monitoring period after each task update: 5 s. */
    public static final long DEFAULT_MONITOR_NANOS = 5_000_000_000L;

    /** Only a parallelism, the rest left to Docker's defaults. */
    public static UpdateConfig parallelism(long n) { return new UpdateConfig(n, null, null, null, null, null); }

    /** The failure action, defaulted: "pause", "continue" or "rollback". */
    public String failureActionOrDefault() { return failureAction == null || failureAction.isEmpty() ? "pause" : failureAction; }

    /** The monitoring period in nanoseconds, defaulted. */
    public long monitorOrDefault() { return monitor == null ? DEFAULT_MONITOR_NANOS : monitor; }

    /** The failure ratio tolerated, defaulted (0: any failure triggers the action). */
    public double maxFailureRatioOrDefault() { return maxFailureRatio == null ? 0 : maxFailureRatio; }
}
