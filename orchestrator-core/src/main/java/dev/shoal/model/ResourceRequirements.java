package dev.shoal.model;

/** A task's resource limits (enforced by the engine) and reservations (counted by the scheduler). */
public record ResourceRequirements(Resources limits, Resources reservations) {
    public ResourceRequirements {
        limits = limits == null ? Resources.NONE : limits;
        reservations = reservations == null ? Resources.NONE : reservations;
    }

    public static final ResourceRequirements NONE = new ResourceRequirements(Resources.NONE, Resources.NONE);
}
