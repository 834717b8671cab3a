package dev.shoal.manager.controlapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.model.GenericResource;
import dev.shoal.model.Placement;
import dev.shoal.model.PlacementPreference;
import dev.shoal.model.ResourceRequirements;
import dev.shoal.model.Resources;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import dev.shoal.store.Store;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service specs with placement preferences and generic resource reservations: accepted and refused as documented. */
class PlacementValidationTest {
    private final ControlApi api = new ControlApi(Store.local(), Clock.systemUTC());

    private static ServiceSpec with(Placement p, Resources reservations, Resources limits) {
        ServiceSpec base = Specs.service("web", "nginx", 1);
        TaskSpec t = base.taskTemplate();
        return new ServiceSpec("web", null, new TaskSpec(t.containerSpec(), new ResourceRequirements(limits, reservations), null, p, null),
                base.mode(), base.endpointSpec());
    }

    private String refused(ServiceSpec s) {
        ApiException e = assertThrows(ApiException.class, () -> api.createService(s));
        assertEquals(ApiException.Kind.INVALID, e.kind());
        return e.getMessage();
    }

    @Test
    void acceptsSpreadOverLabelsAndDiscreteReservations() {
        String id = api.createService(with(new Placement(List.of(), List.of(PlacementPreference.spread("node.labels.zone"),
                PlacementPreference.spread("engine.labels.rack")), 2L), new Resources(0, 0, List.of(GenericResource.discrete("gpu", 1))), null));
        Placement stored = api.getService(id).spec().taskTemplate().placement();
        assertEquals(2, stored.preferences().size());
        assertEquals(2L, stored.maxReplicas());
    }

    @Test
    void refusesOtherDescriptorsNamedReservationsAndDuplicates() {
        assertEquals("Placement: invalid spread descriptor \"node.hostname\": expected node.labels.<label> or engine.labels.<label>",
                refused(with(new Placement(List.of(), List.of(PlacementPreference.spread("node.hostname")), null), null, null)));
        assertEquals("Placement: unsupported placement preference (only spread is supported)",
                refused(with(new Placement(List.of(), List.of(new PlacementPreference(null)), null), null, null)));
        assertEquals("TaskSpec: invalid generic-resource request for gpu: Named Generic Resources is not supported for service create or update"
                        + " (reserve an amount, e.g. gpu=1)",
                refused(with(Placement.NONE, new Resources(0, 0, List.of(GenericResource.named("gpu", "GPU-1"))), null)));
        assertEquals("TaskSpec: duplicate generic-resource gpu for service task",
                refused(with(Placement.NONE, new Resources(0, 0, List.of(GenericResource.discrete("gpu", 1), GenericResource.discrete("gpu", 2))), null)));
        assertEquals("TaskSpec: generic resources can only be reserved, not limited",
                refused(with(Placement.NONE, null, new Resources(0, 0, List.of(GenericResource.discrete("gpu", 1))))));
    }
}
