package dev.shoal.manager.controlapi;

import static dev.shoal.manager.controlapi.Specs.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.Json;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.UpdateConfig;
import dev.shoal.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A service's {@code UpdateConfig}: Docker's JSON shape, kept through create, update and scale, validated as SwarmKit does. */
class UpdateConfigTest {
    private final Store store = Store.local();
    private final ControlApi api = new ControlApi(store, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new Random(1));
    private final ObjectMapper json = Json.newMapper();

    @Test
    void readsDockersJsonAndKeepsItThroughUpdates() throws Exception {
        ServiceSpec fromDocker = json.readValue("{\"Name\":\"web\",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"nginx\"}},"
                + "\"Mode\":{\"Replicated\":{\"Replicas\":3}},\"UpdateConfig\":{\"Parallelism\":2,\"Delay\":10000000000,"
                + "\"FailureAction\":\"pause\",\"Monitor\":5000000000,\"MaxFailureRatio\":0,\"Order\":\"start-first\"}}", ServiceSpec.class);
        assertEquals(new UpdateConfig(2L, 10_000_000_000L, "pause", 5_000_000_000L, 0.0, "start-first"), fromDocker.updateConfig());
        String id = api.createService(fromDocker);
        var created = api.getService(id);
        assertEquals(fromDocker.updateConfig(), created.spec().updateConfig());
        api.updateService(id, created.version().index(), created.spec().withMode(ServiceMode.replicated(5)));
        assertEquals(2L, api.getService(id).spec().updateConfig().parallelism(), "a scale keeps it");
        assertTrue(json.writeValueAsString(api.getService(id).spec()).contains("\"UpdateConfig\":{\"Parallelism\":2,"));
    }

    @Test
    void absentWhenNotGiven() throws Exception {
        String id = api.createService(service("web", "nginx", 1));
        assertNull(api.getService(id).spec().updateConfig());
        assertTrue(!json.writeValueAsString(api.getService(id).spec()).contains("UpdateConfig"));
    }

    @Test
    void refusesNegativeValues() {
        ServiceSpec base = service("web", "nginx", 1);
        ApiException e = assertThrows(ApiException.class, () -> api.createService(base.withUpdateConfig(UpdateConfig.parallelism(-1))));
        assertEquals(ApiException.Kind.INVALID, e.kind());
        assertEquals("UpdateConfig: parallelism cannot be negative", e.getMessage());
        e = assertThrows(ApiException.class, () -> api.createService(base.withUpdateConfig(new UpdateConfig(null, null, null, null, 1.5, null))));
        assertTrue(e.getMessage().contains("update-maxfailureratio cannot be less than 0 or bigger than 1"), e.getMessage());
    }

    @Test
    void refusesUnknownFailureActionsAndOrdersAndARollbackThatWouldRollBack() {
        ServiceSpec base = service("web", "nginx", 1);
        ApiException e = assertThrows(ApiException.class,
                () -> api.createService(base.withUpdateConfig(new UpdateConfig(null, null, "explode", null, null, null))));
        assertEquals("UpdateConfig: invalid failure action \"explode\": must be pause, continue or rollback", e.getMessage());
        e = assertThrows(ApiException.class,
                () -> api.createService(base.withRollbackConfig(new UpdateConfig(null, null, "rollback", null, null, null))));
        assertEquals("RollbackConfig: invalid failure action \"rollback\": must be pause or continue", e.getMessage());
        e = assertThrows(ApiException.class,
                () -> api.createService(base.withUpdateConfig(new UpdateConfig(null, null, null, null, null, "sideways"))));
        assertEquals("UpdateConfig: invalid order \"sideways\": must be stop-first or start-first", e.getMessage());
        assertEquals(0, api.listServices(false).size(), "nothing was created");
    }
}
