package dev.shoal.manager.controlapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Cluster;
import dev.shoal.model.ClusterSpec;
import dev.shoal.model.JoinTokens;
import dev.shoal.model.ManagerStatus;
import dev.shoal.model.Node;
import dev.shoal.model.Reachability;
import dev.shoal.model.Version;
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

/** {@code POST /nodes/{id}/update}'s logic: labels, availability, optimistic versions, promote/demote rules, node removal, token rotation. */
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
    void refusesEmptyLabelKeysAndUnknownNodes() {
        Node n = node();
        ApiException label = assertThrows(ApiException.class, () -> api.updateNode("host1", n.version().index(), n.spec().withLabels(Map.of(" ", "x"))));
        assertEquals(ApiException.Kind.INVALID, label.kind());
        ApiException missing = assertThrows(ApiException.class, () -> api.updateNode("host9", 1, n.spec()));
        assertEquals(ApiException.Kind.NOT_FOUND, missing.kind());
        assertEquals("node host9 not found", missing.getMessage());
    }

    @Test
    void promoteSetsTheDesiredRole() {
        Node n = node();
        api.updateNode("host1", n.version().index(), n.spec().withRole(NodeRole.MANAGER));
        assertEquals(NodeRole.MANAGER, node().spec().role());
    }

    private void seedManager(String id, String host, boolean leader, Reachability r) {
        Node m = Specs.node(id, host, NodeState.READY);
        m = m.withSpec(m.spec().withRole(NodeRole.MANAGER)).withManagerStatus(new ManagerStatus(leader, r, "10.0.0.9:2377"));
        store.commit(Proposal.atomic(new StoreAction.Create(m)));
    }

    @Test
    void theLastManagerCannotBeDemoted() {
        seedManager("m1aaa", "mgr1", true, Reachability.REACHABLE);
        Node m = api.getNode("mgr1");
        ApiException e = assertThrows(ApiException.class, () -> api.updateNode("mgr1", m.version().index(), m.spec().withRole(NodeRole.WORKER)));
        assertEquals(ApiException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("last manager"), e.getMessage());
        assertEquals(NodeRole.MANAGER, api.getNode("mgr1").spec().role(), "nothing changed");
    }

    @Test
    void aDemotionThatWouldLoseQuorumIsRefused() {
        seedManager("m1aaa", "mgr1", true, Reachability.REACHABLE);
        seedManager("m2aaa", "mgr2", false, Reachability.UNREACHABLE);
        seedManager("m3aaa", "mgr3", false, Reachability.REACHABLE);
        // Without mgr3, mgr1 and the unreachable mgr2 remain: one of two reachable, two needed.
        Node m3 = api.getNode("mgr3");
        ApiException e = assertThrows(ApiException.class, () -> api.updateNode("mgr3", m3.version().index(), m3.spec().withRole(NodeRole.WORKER)));
        assertEquals(ApiException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("loss of quorum"), e.getMessage());
        // Demoting the unreachable one is fine: mgr1 and mgr3 remain, both reachable.
        Node m2 = api.getNode("mgr2");
        api.updateNode("mgr2", m2.version().index(), m2.spec().withRole(NodeRole.WORKER));
        assertEquals(NodeRole.WORKER, api.getNode("mgr2").spec().role());
    }

    @Test
    void removeRefusesManagersAndLiveNodesUnlessForced() {
        seedManager("m1aaa", "mgr1", true, Reachability.REACHABLE);
        ApiException mgr = assertThrows(ApiException.class, () -> api.removeNode("mgr1", true));
        assertTrue(mgr.getMessage().contains("must be demoted"), mgr.getMessage());
        ApiException live = assertThrows(ApiException.class, () -> api.removeNode("host1", false));
        assertTrue(live.getMessage().contains("is not down"), live.getMessage());
        assertEquals(2, api.listNodes().size());
        api.removeNode("host1", true);
        assertEquals(1, api.listNodes().size());
    }

    @Test
    void rotationReplacesTheSecretAndKeepsTheDigest() {
        String digest = "a".repeat(50);
        store.commit(Proposal.atomic(new StoreAction.Create(new Cluster("c1", Version.NONE, Instant.EPOCH, Instant.EPOCH,
                new ClusterSpec("default", null, null),
                new JoinTokens("SWMTKN-1-" + digest + "-" + "w".repeat(25), "SWMTKN-1-" + digest + "-" + "m".repeat(25))))));
        Cluster c = api.rotateJoinTokens(true, false);
        assertTrue(c.joinTokens().worker().startsWith("SWMTKN-1-" + digest + "-"));
        assertTrue(!c.joinTokens().worker().endsWith("w".repeat(25)), "the worker secret changed");
        assertEquals("SWMTKN-1-" + digest + "-" + "m".repeat(25), c.joinTokens().manager(), "the manager token is kept");
    }
}
