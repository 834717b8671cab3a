package dev.shoal.manager.scheduler;

import dev.shoal.model.GenericResource;
import dev.shoal.model.PlacementPreference;
import dev.shoal.model.Resources;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pending tasks of one service that share one task spec: filters are evaluated once per group and
 * node, not once per task. Holds what the filters need, derived once. Not thread-safe (built and used
 * within one pass).
 */
public final class TaskGroup {
    private final String serviceId;
    private final TaskSpec spec;
    private final List<Task> tasks = new ArrayList<>();
    private final long nanoCpus;
    private final long memoryBytes;
    private final List<Constraint> constraints;
    private final String constraintError;
    private final List<HostPort> hostPorts;
    private final long maxReplicas;
    private final String[] genericKinds;
    private final long[] genericAmounts;
    private final List<String> spreadDescriptors;

    TaskGroup(String serviceId, TaskSpec spec, List<HostPort> hostPorts) {
        this.serviceId = serviceId;
        this.spec = spec;
        Resources r = spec == null ? Resources.NONE : spec.resources().reservations();
        this.nanoCpus = r.nanoCpus();
        this.memoryBytes = r.memoryBytes();
        List<Constraint> c = List.of();
        String err = null;
        if (spec != null) {
            try {
                c = Constraint.parseAll(spec.placement().constraints());
            } catch (IllegalArgumentException e) {
                err = e.getMessage();
            }
        }
        this.constraints = c;
        this.constraintError = err;
        this.hostPorts = hostPorts;
        Long max = spec == null ? null : spec.placement().maxReplicas();
        this.maxReplicas = max == null ? 0 : max;
        Map<String, Long> generic = new LinkedHashMap<>();
        for (GenericResource gr : r.genericResources()) {
            if (gr.discreteResourceSpec() != null && gr.discreteResourceSpec().value() > 0) generic.merge(gr.kind(), gr.discreteResourceSpec().value(), Long::sum);
        }
        this.genericKinds = generic.keySet().toArray(new String[0]);
        this.genericAmounts = generic.values().stream().mapToLong(Long::longValue).toArray();
        List<String> spread = new ArrayList<>();
        if (spec != null) {
            for (PlacementPreference p : spec.placement().preferences()) {
                if (p.spread() != null && p.spread().spreadDescriptor() != null) spread.add(p.spread().spreadDescriptor());
            }
        }
        this.spreadDescriptors = List.copyOf(spread);
    }

    public String serviceId() { return serviceId; }

    public TaskSpec spec() { return spec; }

    public List<Task> tasks() { return tasks; }

    public long nanoCpus() { return nanoCpus; }

    public long memoryBytes() { return memoryBytes; }

    public List<Constraint> constraints() { return constraints; }

    /** Why the stored constraints could not be parsed, or null. */
    public String constraintError() { return constraintError; }

    public List<HostPort> hostPorts() { return hostPorts; }

    /** Kinds of generic resource each task reserves (discrete amounts only), parallel to {@link #genericAmounts()}. Do not modify. */
    public String[] genericKinds() { return genericKinds; }

    /** The amount of each of {@link #genericKinds()} each task reserves. Do not modify. */
    public long[] genericAmounts() { return genericAmounts; }

    /** The spread descriptors of the placement preferences, outermost first (empty: no preference). */
    public List<String> spreadDescriptors() { return spreadDescriptors; }

    /** Most tasks of this service per node; 0 means no limit. */
    public long maxReplicas() { return maxReplicas; }

    boolean accepts(String service, TaskSpec s) { return serviceId.equals(service) && (spec == s || (spec != null && spec.equals(s))); }
}
