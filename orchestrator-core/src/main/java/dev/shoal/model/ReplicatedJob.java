package dev.shoal.model;

/**
 * A replicated job: run tasks to completion until {@code TotalCompletions} of them have COMPLETEd, with
 * at most {@code MaxConcurrent} running at once. Docker's defaults: MaxConcurrent 1, TotalCompletions
 * equal to MaxConcurrent. Immutable; null fields mean "default".
 */
public record ReplicatedJob(Long maxConcurrent, Long totalCompletions) {
    /** MaxConcurrent, defaulting to 1. */
    public long maxConcurrentOrDefault() { return maxConcurrent == null ? 1 : maxConcurrent; }

    /** TotalCompletions, defaulting to MaxConcurrent (as Docker). */
    public long totalCompletionsOrDefault() { return totalCompletions == null ? maxConcurrentOrDefault() : totalCompletions; }

    /** This job with {@code TotalCompletions} replaced (what {@code service scale} sets). */
    public ReplicatedJob withTotalCompletions(long total) { return new ReplicatedJob(maxConcurrent, total); }
}
