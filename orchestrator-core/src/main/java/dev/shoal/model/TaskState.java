package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A task's lifecycle states in SwarmKit's order. An observed state only moves forward; a task at
 * {@link #RUNNING} or before is "runnable", one past it has ended.
 */
public enum TaskState {
    NEW, PENDING, ASSIGNED, ACCEPTED, PREPARING, READY, STARTING, RUNNING,
    COMPLETE, SHUTDOWN, FAILED, REJECTED, REMOVE, ORPHANED;

    @JsonValue
    public String json() { return name().toLowerCase(Locale.ROOT); }

    /** Docker's table spelling: "Running", "Pending", … */
    public String display() { return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT); }

    public boolean isTerminal() { return compareTo(RUNNING) > 0; }

    public boolean isAfter(TaskState o) { return compareTo(o) > 0; }
}
