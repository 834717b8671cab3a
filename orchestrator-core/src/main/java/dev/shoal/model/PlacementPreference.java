package dev.shoal.model;

/**
 * One placement preference, as Docker's API spells it: {@code {"Spread": {"SpreadDescriptor":
 * "node.labels.zone"}}}. Spread is the only strategy (as in Swarm). Immutable.
 */
public record PlacementPreference(SpreadOver spread) {

    /** Spread tasks evenly over the values of a node label ({@code node.labels.X} or {@code engine.labels.X}). */
    public record SpreadOver(String spreadDescriptor) {
    }

    /** A spread preference over {@code descriptor}. */
    public static PlacementPreference spread(String descriptor) { return new PlacementPreference(new SpreadOver(descriptor)); }
}
