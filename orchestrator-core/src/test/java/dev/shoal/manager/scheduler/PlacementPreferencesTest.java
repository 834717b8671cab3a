package dev.shoal.manager.scheduler;

import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.pending;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.Node;
import dev.shoal.model.Placement;
import dev.shoal.model.PlacementPreference;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spread preferences, as Swarm nests them: seed nodes with labels, run one pass, count tasks per label value. */
class PlacementPreferencesTest {
    private final Store store = Store.local();
    private final Scheduler scheduler = new Scheduler();

    private static TaskSpec spread(List<String> constraints, Long max, String... descriptors) {
        List<PlacementPreference> prefs = new ArrayList<>();
        for (String d : descriptors) prefs.add(PlacementPreference.spread(d));
        return new TaskSpec(new ContainerSpec("x", null, null, null, null, null, null, null, null), null, null,
                new Placement(constraints, prefs, max), null);
    }

    private Plan schedule(Service s, int n) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= n; i++) tasks.add(pending(s.id() + "-t" + i, s, i));
        return scheduler.schedule(store.view(ClusterView::of), tasks);
    }

    /** Tasks per value of {@code label} among the plan's assignments. */
    private Map<String, Integer> per(Plan p, String label) {
        Map<String, Integer> m = new HashMap<>();
        for (String nodeId : p.assignments().values()) {
            Node n = store.view(tx -> tx.node(nodeId));
            m.merge(n.spec().labels().getOrDefault(label, "<none>"), 1, Integer::sum);
        }
        return m;
    }

    private static Node zoned(String id, String zone) { return node(id, Map.of("zone", zone)); }

    @Test
    void spreadsEvenlyOverZonesWhateverTheirNodeCounts() {
        Service s = service("s", 9, spread(List.of(), null, "node.labels.zone"));
        Fixtures.seed(store, zoned("a1", "a"), zoned("b1", "b"), zoned("b2", "b"),
                zoned("c1", "c"), zoned("c2", "c"), zoned("c3", "c"), zoned("c4", "c"), zoned("c5", "c"), s);
        Plan p = schedule(s, 9);
        assertTrue(p.unplaced().isEmpty(), p.unplaced().toString());
        assertEquals(Map.of("a", 3, "b", 3, "c", 3), per(p, "zone"));
        // within a zone, the usual least-loaded choice: b's two nodes share its three tasks 2/1
        Map<String, Integer> perNode = new HashMap<>();
        for (String n : p.assignments().values()) perNode.merge(n, 1, Integer::sum);
        assertEquals(3, perNode.get("a1"));
        assertEquals(3, perNode.get("b1") + perNode.get("b2"));
        assertTrue(Math.abs(perNode.get("b1") - perNode.get("b2")) <= 1);
    }

    @Test
    void countsTasksAlreadyInEachZone() {
        Service s = service("s", 9, spread(List.of(), null, "node.labels.zone"));
        Fixtures.seed(store, zoned("a1", "a"), zoned("b1", "b"), zoned("c1", "c"), s,
                task("r1", s, 101, "a1", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0),
                task("r2", s, 102, "a1", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0),
                task("r3", s, 103, "a1", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0));
        // 3 already in a; 6 more make 9 in all: 3 per zone means all six go to b and c
        assertEquals(Map.of("b", 3, "c", 3), per(schedule(s, 6), "zone"));
    }

    @Test
    void nodesWithoutTheLabelFormTheirOwnGroup() {
        Service s = service("s", 6, spread(List.of(), null, "node.labels.zone"));
        Fixtures.seed(store, zoned("a1", "a"), zoned("b1", "b"), node("x1"), node("x2"), node("x3"), s);
        assertEquals(Map.of("a", 2, "b", 2, "<none>", 2), per(schedule(s, 6), "zone"));
    }

    @Test
    void nestedPreferencesSpreadWithinEachGroup() {
        Service s = service("s", 8, spread(List.of(), null, "node.labels.dc", "node.labels.rack"));
        Fixtures.seed(store,
                node("e1", Map.of("dc", "east", "rack", "r1")), node("e2", Map.of("dc", "east", "rack", "r1")),
                node("e3", Map.of("dc", "east", "rack", "r1")), node("e4", Map.of("dc", "east", "rack", "r2")),
                node("w1", Map.of("dc", "west", "rack", "r1")), node("w2", Map.of("dc", "west", "rack", "r2")),
                node("w3", Map.of("dc", "west", "rack", "r3")), node("w4", Map.of("dc", "west", "rack", "r4")), s);
        Plan p = schedule(s, 8);
        assertEquals(Map.of("east", 4, "west", 4), per(p, "dc"));
        Map<String, Integer> racks = new HashMap<>();
        for (String nodeId : p.assignments().values()) {
            Node n = store.view(tx -> tx.node(nodeId));
            racks.merge(n.spec().labels().get("dc") + "/" + n.spec().labels().get("rack"), 1, Integer::sum);
        }
        // east: racks r1 (3 nodes) and r2 (1 node) get 2 each; west: one per rack
        assertEquals(Map.of("east/r1", 2, "east/r2", 2, "west/r1", 1, "west/r2", 1, "west/r3", 1, "west/r4", 1), racks);
    }

    @Test
    void aFullZoneLeavesItsShareToTheOthers() {
        // zone a's only node allows one task of the service; the rest spreads over b and c
        Service s = service("s", 9, spread(List.of(), 1L, "node.labels.zone"));
        List<Object> nodes = new ArrayList<>();
        nodes.add(zoned("a1", "a"));
        for (int i = 1; i <= 4; i++) {
            nodes.add(zoned("b" + i, "b"));
            nodes.add(zoned("c" + i, "c"));
        }
        Fixtures.seed(store, nodes, s);
        Plan p = schedule(s, 9);
        assertTrue(p.unplaced().isEmpty(), p.unplaced().toString());
        assertEquals(Map.of("a", 1, "b", 4, "c", 4), per(p, "zone"));
    }

    @Test
    void constraintsStillApplyAndExplain() {
        Service s = service("s", 4, spread(List.of("node.labels.zone!=c"), 1L, "node.labels.zone"));
        Fixtures.seed(store, zoned("a1", "a"), zoned("b1", "b"), zoned("c1", "c"), s);
        Plan p = schedule(s, 4);
        assertEquals(Map.of("a", 1, "b", 1), per(p, "zone"));
        assertEquals("no suitable node (max replicas per node limit exceed on 2 nodes; scheduling constraints not satisfied on 1 node)",
                p.unplaced().get("s-t3"));
    }

    @Test
    void engineLabelsCanBeSpreadOverToo() {
        Node a = node("a").withDescription(new dev.shoal.model.NodeDescription("a", null, node("a").description().resources(),
                new dev.shoal.model.EngineDescription("27", Map.of("rack", "1"))));
        Service s = service("s", 4, spread(List.of(), null, "engine.labels.rack"));
        Fixtures.seed(store, a, node("b"), node("c"), s);
        Map<String, Integer> perNode = new HashMap<>();
        for (String n : schedule(s, 4).assignments().values()) perNode.merge(n, 1, Integer::sum);
        // rack "1" (node a) and the unlabelled group (b, c) get 2 each
        assertEquals(2, perNode.get("a"));
        assertEquals(2, perNode.get("b") + perNode.get("c"));
    }
}
