package dev.shoal.executor;

/** A container the agent created, found by its labels: which task it runs and whether it is running. */
public record ManagedContainer(String containerId, String name, String taskId, String serviceId, boolean running, int exitCode) {
}
