package dev.shoal.model;

import java.util.List;

/**
 * A user-defined resource (GPUs, FPGAs, …) as Docker's API spells it: exactly one of a named unit
 * ({@code {"NamedResourceSpec": {"Kind": "gpu", "Value": "GPU-0a1b"}}}) or a discrete amount
 * ({@code {"DiscreteResourceSpec": {"Kind": "gpu", "Value": 2}}}). Nodes advertise either form; tasks
 * reserve discrete amounts only. Immutable.
 */
public record GenericResource(NamedGenericResource namedResourceSpec, DiscreteGenericResource discreteResourceSpec) {

    /** One named unit of a kind, e.g. one GPU by its UUID. */
    public record NamedGenericResource(String kind, String value) {
    }

    /** An amount of a kind, e.g. 2 GPUs. */
    public record DiscreteGenericResource(String kind, long value) {
    }

    /** A discrete amount of {@code kind}. */
    public static GenericResource discrete(String kind, long value) {
        return new GenericResource(null, new DiscreteGenericResource(kind, value));
    }

    /** One named unit of {@code kind}. */
    public static GenericResource named(String kind, String value) {
        return new GenericResource(new NamedGenericResource(kind, value), null);
    }

    /** The kind of this resource, whichever form it has (null if it has neither). */
    public String kind() {
        if (discreteResourceSpec != null) return discreteResourceSpec.kind();
        return namedResourceSpec == null ? null : namedResourceSpec.kind();
    }

    /**
     * How much of {@code kind} a list holds: the sum of its discrete amounts plus one per named unit,
     * as SwarmKit counts a node's generic resources.
     */
    public static long amount(List<GenericResource> resources, String kind) {
        long n = 0;
        for (GenericResource r : resources) {
            if (r.discreteResourceSpec != null && kind.equals(r.discreteResourceSpec.kind())) n += r.discreteResourceSpec.value();
            else if (r.namedResourceSpec != null && kind.equals(r.namedResourceSpec.kind())) n++;
        }
        return n;
    }
}
