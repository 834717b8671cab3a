package dev.shoal.model;

import java.util.List;

/** The template every task of a service is made from (container, resources, restarts, placement, networks). Immutable; tasks share their service's instance. */
public record TaskSpec(
        ContainerSpec containerSpec,
        ResourceRequirements resources,
        RestartPolicy restartPolicy,
        Placement placement,
        Long forceUpdate,
        List<NetworkAttachmentConfig> networks) {
    public TaskSpec {
        resources = resources == null ? ResourceRequirements.NONE : resources;
        restartPolicy = restartPolicy == null ? RestartPolicy.DEFAULT : restartPolicy;
        placement = placement == null ? Placement.NONE : placement;
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** This template with another container spec. */
    public TaskSpec withContainerSpec(ContainerSpec c) { return new TaskSpec(c, resources, restartPolicy, placement, forceUpdate, networks); }

    /** This template attached to other networks. */
    public TaskSpec withNetworks(List<NetworkAttachmentConfig> n) { return new TaskSpec(containerSpec, resources, restartPolicy, placement, forceUpdate, n); }

    /** This template with other resources, restart policy and placement. */
    public TaskSpec withScheduling(ResourceRequirements r, RestartPolicy p, Placement pl) {
        return new TaskSpec(containerSpec, r, p, pl, forceUpdate, networks);
    }

    /** This template with another force-update counter. */
    public TaskSpec withForceUpdate(Long f) { return new TaskSpec(containerSpec, resources, restartPolicy, placement, f, networks); }

    /** A template attached to no network. */
    public TaskSpec(ContainerSpec containerSpec, ResourceRequirements resources, RestartPolicy restartPolicy, Placement placement,
                    Long forceUpdate) {
        this(containerSpec, resources, restartPolicy, placement, forceUpdate, null);
    }
}
