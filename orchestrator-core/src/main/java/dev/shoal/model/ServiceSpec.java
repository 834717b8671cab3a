package dev.shoal.model;

import java.util.Map;

/** What a user asks for: a named, labelled template of tasks, a mode and published ports. Immutable. */
public record ServiceSpec(
        String name,
        Map<String, String> labels,
        TaskSpec taskTemplate,
        ServiceMode mode,
        EndpointSpec endpointSpec) {
    public ServiceSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        mode = mode == null ? ServiceMode.replicated(1) : mode;
        endpointSpec = endpointSpec == null ? EndpointSpec.NONE : endpointSpec;
    }

    public ServiceSpec withTaskTemplate(TaskSpec t) { return new ServiceSpec(name, labels, t, mode, endpointSpec); }

    public ServiceSpec withMode(ServiceMode m) { return new ServiceSpec(name, labels, taskTemplate, m, endpointSpec); }
}
