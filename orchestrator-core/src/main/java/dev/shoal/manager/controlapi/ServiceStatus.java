package dev.shoal.manager.controlapi;

/**
 * Docker's {@code ServiceStatus}: how many of a service's tasks run ({@code RunningTasks}: desired and
 * observed RUNNING, on a node that is not down) against how many it wants ({@code DesiredTasks}), and
 * for jobs how many have completed ({@code CompletedTasks}, 0 for other modes). DesiredTasks is the
 * replica count for a replicated service; for a global service or a global job, its tasks desired
 * RUNNING on nodes that are not down (a global job's completed tasks no longer count); for a replicated
 * job, the tasks it still wants running now: min(MaxConcurrent, TotalCompletions - completed). Immutable.
 */
public record ServiceStatus(long runningTasks, long desiredTasks, long completedTasks) {
    /** A status with no completed tasks (replicated and global services). */
    public ServiceStatus(long runningTasks, long desiredTasks) { this(runningTasks, desiredTasks, 0); }
}
