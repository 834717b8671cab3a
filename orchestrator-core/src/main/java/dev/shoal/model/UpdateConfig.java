package dev.shoal.model;

/**
 * How a service's tasks are replaced a few at a time, shaped as Docker's {@code UpdateConfig}: at most
 * {@code parallelism} at once (0: all at once), {@code delay} and {@code monitor} in nanoseconds, the
 * {@code failureAction} ("pause", "continue", "rollback"), {@code maxFailureRatio} and the {@code order}
 * ("stop-first", "start-first"). Null fields take Docker's defaults. Shoal has no rolling updater yet: the
 * fields are kept and shown as given, and only {@code parallelism} is used, by the rebalancer (moves in
 * flight at once per service). Immutable.
 */
public record UpdateConfig(Long parallelism, Long delay, String failureAction, Long monitor, Double maxFailureRatio, String order) {
    /** Only a parallelism, the rest left to Docker's defaults. */
    public static UpdateConfig parallelism(long n) { return new UpdateConfig(n, null, null, null, null, null); }
}
