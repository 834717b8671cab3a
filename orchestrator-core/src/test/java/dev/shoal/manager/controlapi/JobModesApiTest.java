package dev.shoal.manager.controlapi;

import static dev.shoal.manager.controlapi.Specs.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.GlobalJob;
import dev.shoal.model.Json;
import dev.shoal.model.ReplicatedJob;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.store.Store;
import dev.shoal.testutil.MutableClock;
import org.junit.jupiter.api.Test;

/** The control API's handling of the job modes: JSON shape, validation, and mode changes refused. */
class JobModesApiTest {
    private final Store store = Store.local();
    private final ControlApi api = new ControlApi(store, new MutableClock());

    private static ServiceSpec withMode(ServiceSpec s, ServiceMode m) { return s.withMode(m); }

    @Test
    void modeHasDockersJsonShape() throws Exception {
        var mapper = Json.newMapper();
        assertEquals("{\"ReplicatedJob\":{\"MaxConcurrent\":1,\"TotalCompletions\":3}}",
                mapper.writeValueAsString(ServiceMode.newReplicatedJob(1L, 3L)));
        assertEquals("{\"GlobalJob\":{}}", mapper.writeValueAsString(ServiceMode.newGlobalJob()));
        ServiceMode back = mapper.readValue("{\"ReplicatedJob\":{\"MaxConcurrent\":2}}", ServiceMode.class);
        assertEquals(2, back.replicatedJob().maxConcurrentOrDefault());
        assertEquals(2, back.replicatedJob().totalCompletionsOrDefault(), "TotalCompletions defaults to MaxConcurrent");
        assertTrue(back.isJob());
        assertEquals("replicated job", back.display());
    }

    @Test
    void refusesSeveralModesAndNegativeCounts() {
        ApiException two = assertThrows(ApiException.class, () -> api.createService(withMode(service("a", "busybox", 1),
                new ServiceMode(null, null, new ReplicatedJob(1L, 1L), new GlobalJob()))));
        assertEquals(ApiException.Kind.INVALID, two.kind());
        ApiException negative = assertThrows(ApiException.class, () -> api.createService(withMode(service("b", "busybox", 1),
                ServiceMode.newReplicatedJob(-1L, 1L))));
        assertTrue(negative.getMessage().contains("MaxConcurrent"), negative.getMessage());
    }

    @Test
    void refusesChangingAJobToAnotherMode() {
        String id = api.createService(withMode(service("j", "busybox", 1), ServiceMode.newReplicatedJob(1L, 2L)));
        long version = api.getService(id).version().index();
        ApiException e = assertThrows(ApiException.class, () -> api.updateService(id, version, service("j", "busybox", 2)));
        assertTrue(e.getMessage().startsWith("service mode change is not allowed"), e.getMessage());
        api.updateService(id, version, withMode(service("j", "busybox", 1), ServiceMode.newReplicatedJob(1L, 5L)));
        assertEquals(5, api.getService(id).spec().mode().replicatedJob().totalCompletionsOrDefault());
    }
}
