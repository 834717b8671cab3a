package dev.shoal.cli.client;

/**
 * The task counts {@code GET /services?status=true} adds to each service, as Docker's {@code ServiceStatus}.
 *
 * @param runningTasks tasks observed running
 * @param desiredTasks tasks the service should have (for a global job: those not yet completed)
 * @param completedTasks tasks of a job that completed (0 for other modes)
 */
public record ServiceStatus(long runningTasks, long desiredTasks, long completedTasks) {
    /** Counts without completions (replicated and global services). */
    public ServiceStatus(long runningTasks, long desiredTasks) { this(runningTasks, desiredTasks, 0); }
}
