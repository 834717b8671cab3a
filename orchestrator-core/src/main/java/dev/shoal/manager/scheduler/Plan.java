package dev.shoal.manager.scheduler;

import java.util.Collections;
import java.util.Map;

/**
 * The result of one scheduling pass: node id for each placed task, and for each task that could not be
 * placed the reason to show the user ("no suitable node (insufficient resources on 2 nodes)").
 * Immutable once built: the constructor wraps the given maps read-only without copying them, so the
 * builder must hand them over and not touch them again.
 */
public record Plan(Map<String, String> assignments, Map<String, String> unplaced) {
    public Plan {
        assignments = Collections.unmodifiableMap(assignments);
        unplaced = Collections.unmodifiableMap(unplaced);
    }
}
