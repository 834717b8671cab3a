package dev.shoal.cli.service;

import dev.shoal.cli.CliException;
import dev.shoal.cli.opts.GenericResources;
import dev.shoal.cli.opts.NonNegativeLong;
import dev.shoal.cli.opts.PlacementPrefConverter;
import dev.shoal.model.GenericResource;
import dev.shoal.model.Placement;
import dev.shoal.model.PlacementPreference;
import dev.shoal.model.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of {@code service update} that change where and how tasks run, as Docker's: constraints and
 * placement preferences to add or remove, the per-node replica limit, CPU and memory limits and
 * reservations ({@link ResourceFlags}), generic resources to add or remove (by name), and the restart
 * policy ({@link RestartFlags}). Each given flag
 * changes its field; the others are kept. A picocli mixin.
 */
public final class SchedulingUpdateFlags {
    @Option(names = "--constraint-add", paramLabel = "list", description = "Add or update a placement constraint")
    private List<String> constraintAdd = new ArrayList<>();

    @Option(names = "--constraint-rm", paramLabel = "list", description = "Remove a constraint")
    private List<String> constraintRm = new ArrayList<>();

    @Option(names = "--placement-pref-add", paramLabel = "pref", converter = PlacementPrefConverter.class,
            description = "Add a placement preference")
    private List<PlacementPreference> prefAdd = new ArrayList<>();

    @Option(names = "--placement-pref-rm", paramLabel = "pref", converter = PlacementPrefConverter.class,
            description = "Remove a placement preference")
    private List<PlacementPreference> prefRm = new ArrayList<>();

    @Option(names = "--replicas-max-per-node", paramLabel = "uint64", converter = NonNegativeLong.class,
            description = "Maximum number of tasks per node (0 = unlimited)")
    private Long maxReplicasPerNode;

    @Mixin
    private ResourceFlags resources = new ResourceFlags();

    @Option(names = "--generic-resource-add", paramLabel = "list", description = "Add a Generic resource")
    private List<String> genericAdd = new ArrayList<>();

    @Option(names = "--generic-resource-rm", paramLabel = "list", description = "Remove a Generic resource")
    private List<String> genericRm = new ArrayList<>();

    @Mixin
    private RestartFlags restart = new RestartFlags();

    /** Whether any of these flags was given. */
    boolean anyGiven() {
        return !constraintAdd.isEmpty() || !constraintRm.isEmpty() || !prefAdd.isEmpty() || !prefRm.isEmpty() || maxReplicasPerNode != null
                || resources.anyGiven() || !genericAdd.isEmpty() || !genericRm.isEmpty() || restart.anyGiven();
    }

    /** {@code t} with the given flags applied; a CliException for a malformed generic resource. */
    TaskSpec apply(TaskSpec t) {
        if (!anyGiven()) return t;
        Placement p = t.placement();
        List<String> constraints = new ArrayList<>(p.constraints());
        constraints.removeAll(constraintRm);
        for (String c : constraintAdd) if (!constraints.contains(c)) constraints.add(c);
        List<PlacementPreference> prefs = new ArrayList<>(p.preferences());
        prefs.removeAll(prefRm);
        prefs.addAll(prefAdd);
        Placement placement = new Placement(constraints, prefs, maxReplicasPerNode != null ? maxReplicasPerNode : p.maxReplicas());
        return t.withScheduling(resources.apply(t.resources(), generic(t.resources().reservations().genericResources())),
                restart.apply(t.restartPolicy()), placement);
    }

    /** The reserved generic resources: those not removed (by name), then the added ones (replacing any of the same name). */
    private List<GenericResource> generic(List<GenericResource> current) {
        if (genericAdd.isEmpty() && genericRm.isEmpty()) return current;
        List<GenericResource> added;
        try {
            added = GenericResources.parse(genericAdd);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Map<String, List<GenericResource>> byKind = new LinkedHashMap<>();
        for (GenericResource g : current) {
            if (!genericRm.contains(g.kind())) byKind.computeIfAbsent(g.kind(), k -> new ArrayList<>()).add(g);
        }
        for (GenericResource g : added) byKind.remove(g.kind());
        for (GenericResource g : added) byKind.computeIfAbsent(g.kind(), k -> new ArrayList<>()).add(g);
        List<GenericResource> out = new ArrayList<>();
        byKind.values().forEach(out::addAll);
        return out;
    }
}
