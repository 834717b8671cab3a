package dev.shoal.manager.controlapi;

/**
 * Docker's {@code ServiceStatus}: how many of a service's tasks run ({@code RunningTasks}: desired and
 * observed RUNNING, on a node that is not down) against how many it wants ({@code DesiredTasks}: the
 * replica count, or for a global service its tasks desired RUNNING on nodes that are not down).
 * Immutable.
 */
public record ServiceStatus(long runningTasks, long desiredTasks) {
}
