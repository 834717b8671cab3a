package dev.shoal.model;

/** The template every task of a service is made from. Immutable; tasks share their service's instance. */
public record TaskSpec(
        ContainerSpec containerSpec,
        ResourceRequirements resources,
        RestartPolicy restartPolicy,
        Placement placement,
        Long forceUpdate) {
    public TaskSpec {
        resources = resources == null ? ResourceRequirements.NONE : resources;
        restartPolicy = restartPolicy == null ? RestartPolicy.DEFAULT : restartPolicy;
        placement = placement == null ? Placement.NONE : placement;
    }
}
