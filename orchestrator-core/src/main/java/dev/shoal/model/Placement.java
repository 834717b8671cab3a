package dev.shoal.model;

import java.util.List;

/**
 * Where a task may run: constraint expressions such as {@code node.role==manager}, spread preferences
 * (nested in list order, as Swarm), and the most tasks of the service per node ({@code MaxReplicas},
 * null or 0 for no limit). Immutable.
 */
public record Placement(List<String> constraints, List<PlacementPreference> preferences, Long maxReplicas) {
    public Placement {
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        preferences = preferences == null ? List.of() : List.copyOf(preferences);
    }

    /** Constraints and a per-node limit, no preferences. */
    public Placement(List<String> constraints, Long maxReplicas) { this(constraints, List.of(), maxReplicas); }

    public static final Placement NONE = new Placement(List.of(), List.of(), null);
}
