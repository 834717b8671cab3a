package dev.shoal.model;

import java.util.Map;

/**
 * What a user asks for: a named, labelled template of tasks, a mode, published ports, how tasks are
 * replaced a few at a time ({@code updateConfig}) and how a rollback replaces them ({@code rollbackConfig});
 * either config is null when not given. Immutable.
 */
public record ServiceSpec(
        String name,
        Map<String, String> labels,
        TaskSpec taskTemplate,
        ServiceMode mode,
        EndpointSpec endpointSpec,
        UpdateConfig updateConfig,
        UpdateConfig rollbackConfig) {
    public ServiceSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        mode = mode == null ? ServiceMode.replicated(1) : mode;
        endpointSpec = endpointSpec == null ? EndpointSpec.NONE : endpointSpec;
    }

    /** A spec without a rollback config. */
    public ServiceSpec(String name, Map<String, String> labels, TaskSpec taskTemplate, ServiceMode mode, EndpointSpec endpointSpec,
                       UpdateConfig updateConfig) {
        this(name, labels, taskTemplate, mode, endpointSpec, updateConfig, null);
    }

    /** A spec without update and rollback configs. */
    public ServiceSpec(String name, Map<String, String> labels, TaskSpec taskTemplate, ServiceMode mode, EndpointSpec endpointSpec) {
        this(name, labels, taskTemplate, mode, endpointSpec, null, null);
    }

    public ServiceSpec withTaskTemplate(TaskSpec t) { return new ServiceSpec(name, labels, t, mode, endpointSpec, updateConfig, rollbackConfig); }

    public ServiceSpec withMode(ServiceMode m) { return new ServiceSpec(name, labels, taskTemplate, m, endpointSpec, updateConfig, rollbackConfig); }

    public ServiceSpec withUpdateConfig(UpdateConfig u) { return new ServiceSpec(name, labels, taskTemplate, mode, endpointSpec, u, rollbackConfig); }

    public ServiceSpec withRollbackConfig(UpdateConfig r) { return new ServiceSpec(name, labels, taskTemplate, mode, endpointSpec, updateConfig, r); }
}
