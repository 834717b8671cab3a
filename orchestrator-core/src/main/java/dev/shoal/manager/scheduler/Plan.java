package dev.shoal.manager.scheduler;

import dev.shoal.model.GenericResource;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The result of one scheduling pass: node id for each placed task, and for each task that could not be
 * placed the reason to show the user ("no suitable node (insufficient resources on 2 nodes)"); for each
 * placed task that reserves generic resources, the units of its node's it gets ({@code generic}).
 * Immutable once built: the constructor wraps the given maps read-only without copying them, so the
 * builder must hand them over and not touch them again.
 */
public record Plan(Map<String, String> assignments, Map<String, String> unplaced, Map<String, List<GenericResource>> generic) {
    public Plan {
        assignments = Collections.unmodifiableMap(assignments);
        unplaced = Collections.unmodifiableMap(unplaced);
        generic = Collections.unmodifiableMap(generic);
    }

    /** A plan in which no task gets generic resources. */
    public Plan(Map<String, String> assignments, Map<String, String> unplaced) { this(assignments, unplaced, Map.of()); }

    /** The generic resources task {@code taskId} gets on its node (empty when none). */
    public List<GenericResource> genericOf(String taskId) { return generic.getOrDefault(taskId, List.of()); }
}
