package dev.shoal.cli.client;

/**
 * The task counts {@code GET /services?status=true} adds to each service, as Docker's {@code ServiceStatus}.
 *
 * @param runningTasks tasks observed running
 * @param desiredTasks tasks the service should have
 */
public record ServiceStatus(long runningTasks, long desiredTasks) {
}
