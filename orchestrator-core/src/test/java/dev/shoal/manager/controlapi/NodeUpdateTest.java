package dev.shoal.manager.controlapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /nodes/{id}/update}'s logic: labels, availability, optimistic versions, role changes refused. */
class NodeUpdateTest {
    private final Store store = Store.local();
    private final ControlApi api = new ControlApi(store, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @BeforeEach
    void seed() {
        store.commit(Proposal.atomic(new StoreAction.Create(Specs.node("n1aaa", "host1", NodeState.READY))));
    }

    private Node node() { return api.getNode("host1"); }

    @Test
    void changesLabelsAndAvailabilityAndKeepsTheRest() {
        Node before = node();
        NodeSpec spec = before.spec().withLabels(Map.of("zone", "a", "ssd", "true")).withAvailability(NodeAvailability.DRAIN);
        api.updateNode("host1", before.version().index(), spec);
        Node after = node();
        assertEquals(Map.of("zone", "a", "ssd", "true"), after.spec().labels());
        assertEquals(NodeAvailability.DRAIN, after.spec().availability());
        assertEquals(before.description(), after.description());
        assertEquals(before.status(), after.status());
        assertTrue(after.version().index() > before.version().index());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), after.updatedAt());

        api.updateNode("n1", after.version().index(), after.spec().withLabels(Map.of("zone", "a")).withAvailability(NodeAvailability.ACTIVE));
        assertEquals(Map.of("zone", "a"), node().spec().labels());
        assertEquals(NodeAvailability.ACTIVE, node().spec().availability());
    }

    @Test
    void aStaleVersionIsAConflict() {
        Node before = node();
        api.updateNode("host1", before.version().index(), before.spec().withAvailability(NodeAvailability.PAUSE));
        ApiException e = assertThrows(ApiException.class,
                () -> api.updateNode("host1", before.version().index(), before.spec().withAvailability(NodeAvailability.DRAIN)));
        assertEquals(ApiException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().startsWith("update out of sequence: node host1 is at version"), e.getMessage());
        assertEquals(NodeAvailability.PAUSE, node().spec().availability());
    }

    @Test
    void refusesRoleChangesEmptyLabelKeysAndUnknownNodes() {
        Node n = node();
        ApiException role = assertThrows(ApiException.class, () -> api.updateNode("host1", n.version().index(), n.spec().withRole(NodeRole.MANAGER)));
        assertEquals(ApiException.Kind.INVALID, role.kind());
        assertEquals("changing the role of node host1 from worker to manager is not supported yet (promote and demote come later)", role.getMessage());
        ApiException label = assertThrows(ApiException.class, () -> api.updateNode("host1", n.version().index(), n.spec().withLabels(Map.of(" ", "x"))));
        assertEquals(ApiException.Kind.INVALID, label.kind());
        ApiException missing = assertThrows(ApiException.class, () -> api.updateNode("host9", 1, n.spec()));
        assertEquals(ApiException.Kind.NOT_FOUND, missing.kind());
        assertEquals("node host9 not found", missing.getMessage());
    }
}
