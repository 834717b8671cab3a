package dev.shoal.model;

import java.time.Instant;

/** A task's observed state, reported by its agent (or set by the scheduler before it is assigned). */
public record TaskStatus(Instant timestamp, TaskState state, String message, String err, ContainerStatus containerStatus) {
    public static TaskStatus of(Instant at, TaskState state, String message) {
        return new TaskStatus(at, state, message, null, null);
    }
}
