package dev.shoal.model;

import java.util.List;

/** Where a task may run: constraint expressions such as {@code node.role==manager}. Immutable. */
public record Placement(List<String> constraints, Long maxReplicas) {
    public Placement {
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }

    public static final Placement NONE = new Placement(List.of(), null);
}
