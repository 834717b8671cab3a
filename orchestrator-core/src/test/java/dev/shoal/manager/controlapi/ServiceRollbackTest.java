package dev.shoal.manager.controlapi;

import static dev.shoal.manager.controlapi.Specs.port;
import static dev.shoal.manager.controlapi.Specs.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Service;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.UpdateState;
import dev.shoal.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code service rollback}: the previous spec comes back, the current one becomes the previous, and a refusal changes nothing. */
class ServiceRollbackTest {
    private final Store store = Store.local();
    private final ControlApi api = new ControlApi(store, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new Random(1));

    private static String image(ServiceSpec s) { return s.taskTemplate().containerSpec().image(); }

    private static ServiceSpec withImage(ServiceSpec s, String image) {
        return s.withTaskTemplate(s.taskTemplate().withContainerSpec(s.taskTemplate().containerSpec().withImageAndEnv(image, null)));
    }

    @Test
    void putsThePreviousSpecBackAndASecondRollbackUndoesTheFirst() {
        String id = api.createService(service("web", "nginx:1", 3));
        Service v1 = api.getService(id);
        api.updateService(id, v1.version().index(), withImage(v1.spec(), "nginx:2"));
        Service v2 = api.getService(id);
        assertEquals("nginx:2", image(v2.spec()));

        api.rollbackService("web", v2.version().index());
        Service back = api.getService(id);
        assertEquals("nginx:1", image(back.spec()));
        assertEquals("nginx:2", image(back.previousSpec()));
        assertTrue(back.version().index() > v2.version().index());
        assertEquals(UpdateState.ROLLBACK_STARTED, back.updateStatus().state());
        assertEquals("manually requested rollback", back.updateStatus().message());

        api.rollbackService(id, back.version().index());
        assertEquals("nginx:2", image(api.getService(id).spec()));
        assertEquals("nginx:1", image(api.getService(id).previousSpec()));

        Service rolledTwice = api.getService(id);
        api.updateService(id, rolledTwice.version().index(), withImage(rolledTwice.spec(), "nginx:3"));
        assertNull(api.getService(id).updateStatus(), "a user's update clears the status, as SwarmKit does");
    }

    @Test
    void aServiceNeverUpdatedHasNothingToRollBackTo() {
        String id = api.createService(service("web", "nginx:1", 1));
        Service before = api.getService(id);
        ApiException e = assertThrows(ApiException.class, () -> api.rollbackService(id, before.version().index()));
        assertEquals(ApiException.Kind.FAILED_PRECONDITION, e.kind());
        assertEquals("service web does not have a previous spec to roll back to (it was never updated)", e.getMessage());
        assertEquals(before, api.getService(id));
        assertNull(api.getService(id).previousSpec());
    }

    @Test
    void aStaleVersionOrAPortTakenMeanwhileIsRefusedAndChangesNothing() {
        String id = api.createService(service("web", "nginx:1", 1, port(8080, 80)));
        Service v1 = api.getService(id);
        ServiceSpec on8081 = service("web", "nginx:2", 1, port(8081, 80));
        api.updateService(id, v1.version().index(), on8081);
        Service v2 = api.getService(id);

        ApiException stale = assertThrows(ApiException.class, () -> api.rollbackService(id, v1.version().index()));
        assertEquals(ApiException.Kind.CONFLICT, stale.kind());

        api.createService(service("other", "nginx:1", 1, port(8080, 80)));
        ApiException taken = assertThrows(ApiException.class, () -> api.rollbackService(id, v2.version().index()));
        assertEquals(ApiException.Kind.INVALID, taken.kind());
        assertTrue(taken.getMessage().contains("8080"), taken.getMessage());
        assertEquals(v2, api.getService(id));
    }
}
