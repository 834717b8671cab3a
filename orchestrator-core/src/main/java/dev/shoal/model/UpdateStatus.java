package dev.shoal.model;

import java.time.Instant;

/**
 * The progress of a service's last rolling update or rollback, shaped as Docker's {@code UpdateStatus}:
 * its state, when it started and completed (null until then), and a message ("update in progress",
 * "update paused due to failure or early termination of task X", …). Written by the updater and by a
 * manual rollback; a new update clears it. Immutable.
 */
public record UpdateStatus(UpdateState state, Instant startedAt, Instant completedAt, String message) {
    /** The same status in {@code next} state with {@code why}, completed at {@code at} when {@code completed}. */
    public UpdateStatus to(UpdateState next, String why, Instant at, boolean completed) {
        return new UpdateStatus(next, startedAt, completed ? at : null, why);
    }
}
